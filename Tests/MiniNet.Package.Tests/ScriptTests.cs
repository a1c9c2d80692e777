using System.Text.RegularExpressions;
using MiniNet.Tests;

namespace MiniNet.Package.Tests;

/// <summary>The single-file training scripts in scripts/ run as README shows them (`dotnet run scripts/NAME.cs` from the
/// repository root, .NET 10's file-based programs) and train what they say. They build MiniNet from source through their
/// <c>#:project</c> line, so they live here, beside the other tests that drive the dotnet CLI, and run one at a time.</summary>
[TestFixture]
public class ScriptTests
{
    [Test]
    public void Xor_ClassifiesAllFourPoints()
    {
        string output = DotnetCli.Run(RepositoryRoot.Path, "run", "scripts/xor.cs");

        Assert.That(output, Does.Contain("accuracy 100 %"));
        Assert.That(output, Does.Match(@"loss 0\.00\d\d,"), "under 0.01 after 300 epochs");
        Assert.That(Regex.Matches(output, "warning: MiniNet is a Debug build here").Count, Is.EqualTo(1),
            "run without -c Release, the script builds MiniNet in Debug, and Fit says so once");
    }

    [Test]
    public void AutoMpg_IsTheScriptReadmeShows()
    {
        string[] script = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "scripts", "auto-mpg.cs"));
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")).ReplaceLineEndings("\n");

        string code = string.Join("\n", script.Where(line => !line.StartsWith("#:") && !line.StartsWith("//")));
        Assert.That(readme, Does.Contain("```csharp\n" + code + "\n```"));
    }

    [Test]
    public void AutoMpg_PrintsATestErrorOfAFewMpgAndAPredictionForARawRowByTheModelItSavedAndLoaded()
    {
        string saved = Path.Combine(RepositoryRoot.Path, "out", "auto-mpg.model");
        if (File.Exists(saved)) File.Delete(saved);

        string output = DotnetCli.Run(RepositoryRoot.Path, "run", "-c", "Release", "scripts/auto-mpg.cs");

        var error = Regex.Match(output, @"test mean absolute error: (\d+\.\d\d) MPG");
        Assert.That(error.Success, output);
        Assert.That(error.Groups[1].Value, Is.EqualTo("1.91"), "README: the sample's default seed, 2, and the same recipe");
        Assert.That(output, Does.Match(@"a 1980 Japanese 4-cylinder: (2\d|3\d)\.\d MPG predicted"));
        Assert.That(output, Does.Contain("MPG predicted by the saved model"), "SaveModel and LoadModel with the encoding, in a PublishAot program");
        Assert.That(File.Exists(saved), saved);
        Assert.That(output, Does.Not.Contain("warning: MiniNet is a Debug build"), "run as README says, with -c Release");
    }

    [Test]
    public void AutoMpg_RunFromAFolderWithoutTheData_EndsWithOneErrorLineAndNoStackTrace()
    {
        string folder = Directory.CreateTempSubdirectory("mininet-script-").FullName;
        try
        {
            string output = DotnetCli.Run(folder, 1, "run", "-c", "Release", Path.Combine(RepositoryRoot.Path, "scripts", "auto-mpg.cs"));

            Assert.That(output.Trim(), Does.StartWith("error: ").And.Contain("data/auto-mpg/cars.csv"));
            Assert.That(output, Does.Not.Contain("   at ").And.Not.Contain("Unhandled exception"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void MnistLite_ReachesTheSampleDefaultRunsAccuracy()
    {
        string output = DotnetCli.Run(RepositoryRoot.Path, "run", "-c", "Release", "scripts/mnist-lite.cs");

        Assert.That(output, Does.Contain("test accuracy: 95.80 %"), "the same recipe, seed and split as Samples/MnistLite");
    }
}
