using System.Globalization;
using System.Text.Json;
using MiniNet.Tests.Data;

namespace MiniNet.Tests.Samples;

public class AutoMpgTests
{
    /// <summary>README, "Results": the default run (seed 2) measures a network test error of 1.91 MPG and a linear one of
    /// 2.65. The target is 2.0; TensorFlow's tutorial reaches about 1.7 with a mean-absolute-error loss, the recipe
    /// here trains on mean squared error, and over the seeds 0-19 (which set the split) the error ranges from 1.81 to 2.36,
    /// mean 2.05.</summary>
    private const double DefaultRunNetworkMae = 1.91, DefaultRunLinearMae = 2.65, TestMaeBound = 2.0;

    private static readonly Lazy<(int ExitCode, string Output, JsonElement Summary)> DefaultRun = new(() =>
    {
        using var folder = new TempFolder();
        string json = Path.Combine(folder.Path, "summary.json");
        var (exitCode, output) = SampleRunner.Run("AutoMpg", "--json", json, "--plot-dir", Path.Combine(folder.Path, "plots"));
        Assert.That(File.Exists(Path.Combine(folder.Path, "plots", "predictions.png")), output);
        Assert.That(File.Exists(Path.Combine(folder.Path, "plots", "errors.png")), output);
        return (exitCode, output, JsonDocument.Parse(File.ReadAllText(json)).RootElement.Clone());
    });

    [Test]
    public void DefaultRun_NetworkBeatsTheBoundAndTheLinearModel()
    {
        var (exitCode, output, summary) = DefaultRun.Value;

        Assert.That(exitCode, Is.EqualTo(0), output);
        double network = summary.GetProperty("test_mae").GetDouble(), linear = summary.GetProperty("linear_test_mae").GetDouble();
        TestContext.Out.WriteLine(output);
        Assert.That(network, Is.LessThanOrEqualTo(TestMaeBound));
        Assert.That(network, Is.EqualTo(DefaultRunNetworkMae).Within(0.005));
        Assert.That(linear, Is.EqualTo(DefaultRunLinearMae).Within(0.005));
        Assert.That(output, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"linear {linear:F2} MPG, network {network:F2} MPG")));
    }

    [Test]
    public void DefaultRun_SummaryHasEveryField_AndCountsTheRowsWithAMissingValue()
    {
        var (_, output, summary) = DefaultRun.Value;

        Assert.That(summary.GetProperty("rows_dropped").GetInt32(), Is.EqualTo(RowsWithAnEmptyField("auto-mpg/cars.csv", except: "Name")));
        Assert.That(summary.GetProperty("rows_dropped").GetInt32(), Is.EqualTo(14), "data/README.md: 392 of 406 cars have every column");
        Assert.That(output, Does.Contain("392 cars (14 rows with a missing value dropped), 314 training, 78 test"));
        Assert.That(summary.GetProperty("test_mse").GetDouble(), Is.GreaterThan(0));
        Assert.That(summary.GetProperty("epochs").GetInt32(), Is.EqualTo(100));
        Assert.That(summary.GetProperty("epoch_seconds").GetArrayLength(), Is.EqualTo(100));
    }

    [Test]
    public void BadOption_ExitsWithCode2AndPrintsUsage()
    {
        var (exitCode, _, error) = SampleRunner.RunWithErrors("AutoMpg", "--epochs", "x");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("error: option --epochs: 'x' is not an integer").And.Contain("usage:"));
    }

    [Test]
    public void MissingDataFile_PrintsErrorAndExitsWithCode1()
    {
        var (exitCode, _, error) = SampleRunner.RunWithErrors("AutoMpg", "--data", "data/auto-mpg/no-such-file.csv");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.StartWith("error: ").And.Contain("no-such-file.csv"));
    }

    /// <summary>Data lines of data/<paramref name="file"/> with an empty field outside the column <paramref name="except"/>,
    /// counted from the text (the files need no quoting, data/README.md).</summary>
    internal static int RowsWithAnEmptyField(string file, string? except = null, string missingMarker = "")
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "data", file));
        int skipped = Array.IndexOf(lines[0].Split(','), except);
        return lines.Skip(1).Count(line => line.Split(',').Where((_, column) => column != skipped)
            .Any(field => field.Trim().Length == 0 || field.Trim() == missingMarker));
    }
}
