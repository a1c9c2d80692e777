using System.IO.Compression;
using System.Text;
using MiniNet.Data;

namespace MiniNet.Tests.Data;

/// <summary>Feeds <see cref="CsvLoader"/> and <see cref="TabularCsv"/> a few hundred damaged files, generated from a fixed
/// seed: random bytes, cut and edited CSV text (quotes, delimiters, CR/LF, BOMs, huge numbers, ragged rows, header only),
/// awkward values (1e400, NaN, quoted, empty), cut and corrupted gzip. Every load must either give a sound dataset or throw a <see cref="DataFormatException"/> that
/// names the file, within a time limit: never another exception, never a hang.</summary>
public class CsvFuzzTests
{
    private const int Cases = 400;
    private const string Clean = "label,p0,p1\n1,2.5,3\n0,-3,7\n2,1e3,3\n1,0.125,7\n";
    private static readonly string[] Pieces =
        [",", ";", "\t", "\"", "\"\"", "\n", "\r\n", "\r", " ", "\uFEFF", "a", "1", "-", ".", "e", "1e400", "-1e39", "NaN", "NA", "∞", "\0", "label", "p0", "p1"];
    private static readonly string[] Values = ["1e400", "-1e39", "NaN", "Infinity", "3.4e38", "-0", " 4 ", "\"5\"", "", "NA", "0x10", "\"1,5\"", "٣", "1e-50"];
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private TempFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void Load_DamagedFiles_GiveADatasetOrADataFormatExceptionNamingTheFile()
    {
        var random = new Random(20260101);
        var schemas = new[]
        {
            new TabularSchema(target: ["label"], numeric: ["p0"], categorical: ["p1"]),
            new TabularSchema(target: ["label"], numeric: ["p0", "p1"], targetKind: TabularTarget.ClassIndices, missing: MissingValues.DropRow),
            new TabularSchema(target: ["label"], numeric: ["p0"], categorical: ["p1"], targetKind: TabularTarget.Categories, missing: MissingValues.FillMedian),
        };
        var trained = TabularCsv.Load(_folder.Write("train.csv", Clean), schemas[0]).Encoding;
        var problems = new List<string>();
        int loaded = 0, rejected = 0;
        for (int index = 0; index < Cases; index++)
        {
            var (kind, bytes) = Damaged(random);
            string path = _folder.Write($"case-{index}.csv", bytes);
            var loads = new (string Name, Func<Dataset> Load)[]
            {
                ("CsvLoader by name", () => CsvLoader.Load(path, "label")),
                ("CsvLoader by position", () => CsvLoader.Load(path, 0, hasHeader: index % 2 == 0)),
                ("TabularCsv learning", () => TabularCsv.Load(path, schemas[index % schemas.Length]).Dataset),
                ("TabularCsv applying", () => TabularCsv.Load(path, trained).Dataset),
            };
            foreach (var (name, load) in loads)
            {
                var task = Task.Run(load);
                string where = $"case {index} ({kind}), {name}";
                if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(Limit)) // waits without rethrowing the task's exception
                {
                    problems.Add($"{where}: no result within {Limit.TotalSeconds} s");
                    continue;
                }
                if (task.IsCompletedSuccessfully)
                {
                    loaded++;
                    var data = task.Result;
                    if (data.Count == 0 || data.Features.ToArray().Any(value => !float.IsFinite(value)))
                        problems.Add($"{where}: loaded {data.Count} examples, or a feature that is not finite");
                }
                else if (task.Exception!.InnerException is DataFormatException error && error.Path == path && error.Message.StartsWith(path))
                {
                    rejected++;
                    if (error.Message.Length > path.Length + 400)
                        problems.Add($"{where}: a {error.Message.Length}-character message");
                }
                else problems.Add($"{where}: {task.Exception!.InnerException}");
            }
        }

        Assert.That(problems, Is.Empty);
        Assert.That(loaded, Is.GreaterThan(Cases / 10), "too few damaged files were still loadable to test the loading path");
        Assert.That(rejected, Is.GreaterThan(Cases / 10), "too few damaged files were rejected to test the error path");
    }

    private static (string Kind, byte[] Bytes) Damaged(Random random)
    {
        switch (random.Next(8))
        {
            case 0:
                var noise = new byte[random.Next(0, 300)];
                random.NextBytes(noise);
                return ("random bytes", noise);
            case 1:
                return ("cut text", Encoding.UTF8.GetBytes(Clean[..random.Next(0, Clean.Length + 1)]));
            case 2:
                return ("edited text", Encoding.UTF8.GetBytes(Edited(random, Clean)));
            case 3:
                byte[] bom = random.Next(2) == 0 ? [0xEF, 0xBB, 0xBF] : [0xFF, 0xFE];
                byte[] text = bom.Length == 2 ? Encoding.Unicode.GetBytes(Edited(random, Clean)) : Encoding.UTF8.GetBytes(Edited(random, Clean));
                return ("byte order mark", [.. bom, .. text]);
            case 4:
                // Rows with a column more or fewer, or a quoted field holding the delimiter; CR/LF or LF; commas or semicolons.
                var rows = Clean.TrimEnd('\n').Split('\n').Select((line, i) => i == 0 ? line : random.Next(4) switch
                {
                    0 => line + ",9",
                    1 => line[..line.LastIndexOf(',')],
                    2 => line + ",\"4,5\"",
                    _ => line,
                });
                string separator = random.Next(2) == 0 ? "\n" : "\r\n";
                string table = string.Join(separator, rows) + separator;
                return ("ragged rows", Encoding.UTF8.GetBytes(random.Next(3) == 0 ? table.Replace(',', ';') : table));
            case 5:
                // One field replaced by an awkward value: too large for float32, not finite, quoted, empty, a non-ASCII digit.
                string[][] cells = [.. Clean.TrimEnd('\n').Split('\n').Select(line => line.Split(','))];
                cells[random.Next(1, cells.Length)][random.Next(3)] = Values[random.Next(Values.Length)];
                return ("replaced value", Encoding.UTF8.GetBytes(string.Join("\n", cells.Select(row => string.Join(",", row))) + "\n"));
            case 6:
                byte[] gzip = Gzip(Encoding.UTF8.GetBytes(random.Next(2) == 0 ? Clean : Edited(random, Clean)));
                return ("cut gzip", gzip[..random.Next(2, gzip.Length)]);
            default:
                byte[] flipped = Gzip(Encoding.UTF8.GetBytes(Clean));
                flipped[random.Next(10, flipped.Length)] ^= (byte)(1 << random.Next(8));
                return ("corrupted gzip", flipped);
        }
    }

    // Up to 3 insertions, deletions or replacements of pieces that trouble CSV parsers.
    private static string Edited(Random random, string text)
    {
        var edited = new StringBuilder(text);
        for (int edit = random.Next(1, 4); edit > 0; edit--)
        {
            int at = random.Next(edited.Length + 1);
            string piece = Pieces[random.Next(Pieces.Length)];
            if (random.Next(3) == 0 && at < edited.Length) edited.Remove(at, Math.Min(edited.Length - at, random.Next(1, 4)));
            edited.Insert(Math.Min(at, edited.Length), piece);
        }
        return edited.ToString();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal)) gzip.Write(bytes);
        return output.ToArray();
    }
}
