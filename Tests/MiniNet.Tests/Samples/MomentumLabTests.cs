using MiniNet.Tests.Data;

namespace MiniNet.Tests.Samples;

public class MomentumLabTests
{
    // The tables of docs/momentum-lab/README.md are the figures: the lab prints its two tables in the same Markdown, so the test
    // compares them line for line with the page (the only place the figures live; README.md quotes 568 steps, 95 steps and
    // the 0.25 overshoot from them). Regenerate the page with the command it gives if the lab changes.
    [Test]
    public void Lab_PrintsExactlyTheTablesOfItsPage()
    {
        string[] page = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "momentum-lab", "README.md"));
        using var folder = new TempFolder();

        var (_, output) = SampleRunner.Run("MomentumLab", "--out", folder.Path);

        Assert.That(TableLines(output.Split('\n')), Is.EqualTo(TableLines(page)));
        Assert.That(TableLines(page), Has.Length.EqualTo(2 * 7), "two tables of a header, a rule and five optimizers");
    }

    [Test]
    public void Lab_WritesFourPicturesAndSaysWhere()
    {
        using var folder = new TempFolder();

        var (_, output) = SampleRunner.Run("MomentumLab", "--out", folder.Path);

        string[] pictures = ["rosenbrock-paths.png", "rosenbrock-loss.png", "bumpy-valley-paths.png", "bumpy-valley-loss.png"];
        Assert.That(Directory.GetFiles(folder.Path).Select(Path.GetFileName), Is.EquivalentTo(pictures));
        foreach (string picture in pictures)
            Assert.That(output, Does.Contain(Path.Combine(folder.Path, picture)));
    }

    private static string[] TableLines(IEnumerable<string> lines) => [.. lines.Select(line => line.TrimEnd('\r')).Where(line => line.StartsWith('|'))];
}
