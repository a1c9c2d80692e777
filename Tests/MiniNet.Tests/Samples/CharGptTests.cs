using System.Text.RegularExpressions;
using MiniNet.Tests.Data;

namespace MiniNet.Tests.Samples;

public class CharGptTests
{
    private static string Losses(string output, int iteration) =>
        Regex.Match(output, $@"iteration {iteration}: (train loss \S+, validation loss \S+),").Groups[1].Value;

    /// <summary>Two iterations, saved, then resumed to four, print the losses of four iterations run at once, bit for bit
    /// (the batches are fixed by the seed and the iteration, the schedule's position is the optimizer's step count).</summary>
    [Test]
    public void SaveThenResume_GivesTheLossesOfAnUnbrokenRun()
    {
        using var folder = new TempFolder();
        string checkpoint = Path.Combine(folder.Path, "run.ckpt");
        string[] quick = ["--eval-every", "2", "--eval-batches", "1", "--generate", "20"];

        var unbroken = SampleRunner.Run("CharGpt", ["--iterations", "4", .. quick]);
        var first = SampleRunner.Run("CharGpt", ["--iterations", "2", "--save", checkpoint, .. quick]);
        var resumed = SampleRunner.Run("CharGpt", ["--iterations", "4", "--resume", checkpoint, .. quick]);

        Assert.That(unbroken.ExitCode + first.ExitCode + resumed.ExitCode, Is.EqualTo(0), unbroken.Output + first.Output + resumed.Output);
        TestContext.Out.WriteLine(unbroken.Output);
        Assert.That(Losses(unbroken.Output, 4), Is.Not.Empty);
        Assert.That(Losses(resumed.Output, 4), Is.EqualTo(Losses(unbroken.Output, 4)));
        Assert.That(Losses(first.Output, 2), Is.EqualTo(Losses(unbroken.Output, 2)));
        Assert.That(resumed.Output, Does.Contain("resumed from").And.Contain("after iteration 2"));
        Assert.That(unbroken.Output, Does.Contain("75 distinct").And.Contain("820,736 parameters, 3.97 GFLOP per iteration of 12"));
    }

    [Test]
    public void EmptyTextFile_PrintsAnErrorNamingItAndExitsWithCode1()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "book.txt");
        File.WriteAllText(path, "");

        var (exitCode, _, error) = SampleRunner.RunWithErrors("CharGpt", "--data", path);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.StartWith($"error: {path}:").And.Contain("empty"));
    }

    [Test]
    public void UnknownOption_ExitsWithCode2AndPrintsUsage()
    {
        var (exitCode, _, error) = SampleRunner.RunWithErrors("CharGpt", "--layers", "8");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("error: unknown option '--layers'").And.Contain("usage:"));
    }
}
