using System.Diagnostics;

namespace MiniNet.Tests.Samples;

public class QuickStartTests
{
    [Test]
    public void ReadmeScript_IsTheQuickStartSample_LineForLine()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        int start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        string[] script = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)].TrimEnd().Split('\n');
        string[] program = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "Samples", "QuickStart", "Program.cs"));

        int first = Array.IndexOf(program, script[0]);
        Assert.That(first, Is.GreaterThanOrEqualTo(0), "the README script's first line is not in Samples/QuickStart/Program.cs");
        Assert.That(program.Skip(first).Take(script.Length), Is.EqualTo(script));
    }

    /// <summary>README.md, the paragraph after the training script: Samples/QuickStart "prints a test accuracy of 93.9% after
    /// these 3 epochs". Update it there too if it changes.</summary>
    private const string QuickStartTestAccuracy = "93.9 %";

    [Test]
    public void QuickStart_TrainsMnistLite_ToTheReadmesAccuracy()
    {
        var (_, output) = SampleRunner.Run("QuickStart");

        Assert.That(output.Trim(), Is.EqualTo($"test accuracy: {QuickStartTestAccuracy}"));
    }

    [Test]
    public void QuickStart_FromAnotherFolder_EndsWithOneErrorLineNotAStackTrace()
    {
        string folder = Directory.CreateTempSubdirectory("quickstart-").FullName;
        try
        {
            string program = Path.Combine(AppContext.BaseDirectory, "QuickStart.dll");
            var start = new ProcessStartInfo("dotnet", [program])
                { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();

            Assert.That(process.ExitCode, Is.EqualTo(1));
            Assert.That(error.Result, Does.StartWith("error: ").And.Contain("data/mnist-lite/train.csv.gz").And.Not.Contain("   at "));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void DotnetRun_FromAnotherFolder_FindsTheDataAndPrintsTheReadmesAccuracy()
    {
        string folder = Directory.CreateTempSubdirectory("quickstart-run-").FullName;
        try
        {
            string project = Path.Combine(RepositoryRoot.Path, "Samples", "QuickStart");
            var start = new ProcessStartInfo("dotnet", ["run", "--project", project, "--no-build"])
                { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();

            Assert.That(process.ExitCode, Is.EqualTo(0), error.Result);
            Assert.That(output.Trim(), Is.EqualTo($"test accuracy: {QuickStartTestAccuracy}"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
