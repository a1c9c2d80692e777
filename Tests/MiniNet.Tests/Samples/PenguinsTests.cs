using System.Text.Json;
using MiniNet.Tests.Data;

namespace MiniNet.Tests.Samples;

public class PenguinsTests
{
    [Test]
    public void DefaultRun_ClassifiesNinetySevenPercentOfTestPenguins_AndCountsTheDroppedRows()
    {
        using var folder = new TempFolder();
        string json = Path.Combine(folder.Path, "summary.json");

        var (exitCode, output) = SampleRunner.Run("Penguins", "--json", json);

        Assert.That(exitCode, Is.EqualTo(0), output);
        TestContext.Out.WriteLine(output);
        var summary = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.That(summary.GetProperty("test_accuracy").GetDouble(), Is.GreaterThanOrEqualTo(0.97));
        Assert.That(summary.GetProperty("rows_dropped").GetInt32(), Is.EqualTo(AutoMpgTests.RowsWithAnEmptyField("penguins/penguins.csv", missingMarker: ".")));
        Assert.That(summary.GetProperty("rows_dropped").GetInt32(), Is.EqualTo(11), "data/README.md: 334 of 344 penguins have every column, one of them a sex recorded as \".\"");
        Assert.That(summary.GetProperty("epoch_seconds").GetArrayLength(), Is.EqualTo(summary.GetProperty("epochs").GetInt32()));
        Assert.That(output, Does.Contain("333 penguins (11 rows with a missing value dropped)"));
        Assert.That(output, Does.Contain("true\\pred"), "the confusion matrix is printed");
    }

    [Test]
    public void BadOption_ExitsWithCode2AndPrintsUsage()
    {
        var (exitCode, _, error) = SampleRunner.RunWithErrors("Penguins", "--colour", "red");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("error: unknown option '--colour'").And.Contain("usage:"));
    }

    [Test]
    public void MissingDataFile_PrintsErrorAndExitsWithCode1()
    {
        var (exitCode, _, error) = SampleRunner.RunWithErrors("Penguins", "--data", "data/penguins/no-such-file.csv");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.StartWith("error: ").And.Contain("no-such-file.csv"));
    }
}
