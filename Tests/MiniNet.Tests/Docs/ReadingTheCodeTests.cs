using System.Text.RegularExpressions;

namespace MiniNet.Tests.Docs;

/// <summary>docs/reading-the-code.md lists the learner's path through one training step with each file's line count and
/// their total: every file must exist and every count must be the file's, so the page stays true as the code changes.</summary>
public partial class ReadingTheCodeTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "reading-the-code.md"));

    // A row of the path's table: | 3 | `Framework/MiniNet/Tensors/Variable.cs` | 41 | ... |
    [GeneratedRegex(@"^\| \d+ \| `([^`]+)` \| (\d+) \|", RegexOptions.Multiline)]
    private static partial Regex PathRow();

    [GeneratedRegex(@"\*\*Total: ([\d,]+) lines in (\d+) files\.\*\*")]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"^- `([^`]+)`", RegexOptions.Multiline)]
    private static partial Regex KernelItem();

    // Lines as `wc -l` counts them: the newlines.
    private static int LinesOf(string file) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, file)).Count(c => c == '\n');

    private static List<(string File, int Lines)> Rows() =>
        [.. PathRow().Matches(Page).Select(row => (row.Groups[1].Value, int.Parse(row.Groups[2].Value)))];

    [Test]
    public void EveryFileOnThePath_ExistsWithTheLineCountGiven()
    {
        var rows = Rows();

        Assert.That(rows, Has.Count.GreaterThan(10));
        foreach (var (file, lines) in rows)
        {
            Assert.That(File.Exists(Path.Combine(RepositoryRoot.Path, file)), Is.True, $"{file} is listed but does not exist");
            Assert.That(LinesOf(file), Is.EqualTo(lines), $"{file}'s line count");
        }
    }

    [Test]
    public void TheTotal_IsTheSumOfTheFilesLines()
    {
        var rows = Rows();
        var total = TotalLine().Match(Page);

        Assert.That(total.Success, Is.True, "the page states its total");
        Assert.That(int.Parse(total.Groups[1].Value.Replace(",", "")), Is.EqualTo(rows.Sum(row => LinesOf(row.File))));
        Assert.That(int.Parse(total.Groups[2].Value), Is.EqualTo(rows.Count));
    }

    [Test]
    public void ThePath_IsAtMost1300Lines()
    {
        int total = Rows().Sum(row => LinesOf(row.File));

        Assert.That(total, Is.LessThanOrEqualTo(1300),
            "issue 19's target: one training step's path at most 1,300 lines; move what runs once before the first step beside it");
    }

    [Test]
    public void EveryKernelOfTheSecondReading_Exists()
    {
        var kernels = KernelItem().Matches(Page).Select(item => item.Groups[1].Value).ToList();

        Assert.That(kernels, Is.Not.Empty);
        foreach (var file in kernels)
            Assert.That(File.Exists(Path.Combine(RepositoryRoot.Path, file)), Is.True, $"{file} is named but does not exist");
    }
}
