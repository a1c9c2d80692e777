using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace MiniNet.Data;

/// <summary>How MiniNet's loaders read CSV text (with CsvHelper), and what a file's first line tells before any column is
/// looked up: the delimiter it seems to use, and whether it is a header at all. The two traps caught there are a file
/// separated by ';' or tabs read as one column per line, and a file without a header whose first example would be taken
/// for column names.</summary>
internal static class CsvFile
{
    private static readonly char[] Delimiters = [',', ';', '\t'];

    /// <summary>A parser of <paramref name="path"/> (plain or gzip) that keeps one record per line, so record numbers are
    /// line numbers: a blank line is a record of one empty field, which the loaders skip and count (<see cref="IsBlank"/>); a line break inside quotes and a stray
    /// quote are a <see cref="DataFormatException"/> at their line. A UTF-8 or UTF-16 byte order mark is skipped.</summary>
    /// <param name="path">The file.</param>
    /// <param name="delimiter">The field delimiter, or null to take it from the first line (<see cref="DetectDelimiter"/>).</param>
    /// <param name="trim">Whether spaces around fields are removed.</param>
    public static CsvParser Open(string path, char? delimiter, bool trim)
    {
        var stream = DataFile.OpenRead(path);
        RequireText(path, stream);
        if (delimiter is null)
        {
            using (var firstLine = new StreamReader(stream, leaveOpen: true)) delimiter = DetectDelimiter(firstLine.ReadLine() ?? "");
            stream.Position = 0;
        }
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.Value.ToString(),
            IgnoreBlankLines = false,
            LineBreakInQuotedFieldIsBadData = true,
            TrimOptions = trim ? TrimOptions.Trim : TrimOptions.None,
            BadDataFound = bad => throw new DataFormatException(path, bad.Context.Parser!.Row,
                $"malformed CSV, a quote inside an unquoted field or a quoted field not closed on its line: {Excerpt.Quote(bad.Field.TrimEnd('\r', '\n'))}"),
        };
        return new CsvParser(new StreamReader(stream), configuration);
    }

    /// <summary>The delimiter of a header line: ',' if the line has a comma outside quotes, else ';' or tab if it has
    /// one (the more frequent), else ','.</summary>
    /// <summary>Whether the record just read is a blank line (nothing but spaces), which the loaders skip and count, as pandas'
    /// <c>skip_blank_lines</c> does.</summary>
    public static bool IsBlank(CsvParser parser) => string.IsNullOrWhiteSpace(parser.RawRecord);

    // A NUL byte near the start is never in a text file and always in an image, an archive or a model file: saying "malformed
    // CSV" at some line of such a file would send the user looking for a typo.
    private static void RequireText(string path, Stream stream)
    {
        Span<byte> start = stackalloc byte[4096];
        int read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        bool utf16 = read >= 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF));
        int nul = start[..read].IndexOf((byte)0);
        if (nul >= 0 && !utf16)
        {
            stream.Dispose();
            throw new DataFormatException(path, null, $"not a text file (byte {nul} is a NUL byte); a CSV file is text, plain or gzip-compressed");
        }
    }

    /// <summary>What to say when the header has no column <paramref name="name"/>: a near miss to try (the same but for
    /// case, spaces, '_' or '-', or one or two letters apart) and the columns it has, e.g. <c>the header has no label column
    /// "lable" (its columns: "label", "p0", "p1"); did you mean "label"?</c>.</summary>
    public static string NoSuchColumn(string[] header, string name, string role)
    {
        static string Loose(string text) => new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
        string? nearly = header.FirstOrDefault(field => Loose(field) == Loose(name))
            ?? header.Where(field => EditDistance(field, name) <= Math.Min(2, name.Length / 3)).MinBy(field => EditDistance(field, name));
        // As many names as fit in about 200 characters, so a header of thousands (or of binary noise) cannot flood the message.
        var shown = new List<string>();
        foreach (string quoted in header.Select(Excerpt.Quote))
        {
            if (shown.Count > 0 && shown.Sum(text => text.Length + 2) + quoted.Length > 200) break;
            shown.Add(quoted);
        }
        string columns = string.Join(", ", shown) + (shown.Count < header.Length ? $", … ({header.Length} in all)" : "");
        return $"the header has no {role}{Excerpt.Quote(name)} (its columns: {columns})" + (nearly is null ? "" : $"; did you mean {Excerpt.Quote(nearly)}?");
    }

    // Levenshtein distance: single-character insertions, deletions and substitutions from one text to the other.
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    public static char DetectDelimiter(string headerLine)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        bool quoted = false;
        foreach (char c in headerLine)
        {
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c == ',') commas++;
            else if (c == ';') semicolons++;
            else if (c == '\t') tabs++;
        }
        if (commas > 0 || semicolons + tabs == 0) return ',';
        return semicolons >= tabs ? ';' : '\t';
    }

    /// <summary>Another delimiter (',', ';' or tab) in a header that was read as a single column, or null: a sign that
    /// the file is not separated by <paramref name="delimiter"/>.</summary>
    public static char? OtherDelimiter(string[] header, char delimiter)
    {
        if (header.Length != 1) return null;
        foreach (char other in Delimiters)
            if (other != delimiter && header[0].Contains(other)) return other;
        return null;
    }

    /// <summary>How a delimiter is written in a message and in code: <c>';'</c>, <c>'\t'</c>.</summary>
    public static string Show(char delimiter) => delimiter == '\t' ? "'\\t'" : $"'{delimiter}'";

    /// <summary>A line as read (its line break removed), in quotes and cut short, as a message shows it.</summary>
    public static string ShowLine(string rawRecord) => Excerpt.Quote(rawRecord.TrimEnd('\r', '\n'));

    /// <summary>Whether a first line looks like data rather than column names: every field is a number. Column numbers
    /// 0, 1, …, n−1 or 1, …, n (as pandas writes for a frame without names) still count as a header.</summary>
    public static bool LooksLikeData(string[] header)
    {
        var numbers = new double[header.Length];
        for (int i = 0; i < header.Length; i++)
            if (!double.TryParse(header[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]))
                return false;
        bool fromZero = true, fromOne = true;
        for (int i = 0; i < numbers.Length; i++)
        {
            fromZero &= numbers[i] == i;
            fromOne &= numbers[i] == i + 1;
        }
        return !fromZero && !fromOne;
    }
}
