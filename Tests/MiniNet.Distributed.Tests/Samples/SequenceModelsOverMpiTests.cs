using System.Text.Json;

namespace MiniNet.Distributed.Tests.Samples;

/// <summary>Sequence models trained data-parallel as two ranks under mpiexec end with one process's losses and weights, as
/// the MLP does: the test worker, alone and as two ranks.</summary>
public class SequenceModelsOverMpiTests
{
    private const string Worker = "MiniNet.Distributed.TestWorker.dll";
    private string _folder = null!;

    [SetUp]
    public void MakeFolder()
    {
        _folder = Directory.CreateTempSubdirectory("mininet-sequence-mpi-").FullName;
        Mpiexec.RequireMpich();
    }

    [TearDown]
    public void DeleteFolder()
    {
        Directory.Delete(_folder, recursive: true);
    }

    [TestCase("gru")]
    [TestCase("transformer")]
    public void TwoRanks_EndWithTheLossesAndWeightsOfOneProcess(string model)
    {
        var alone = Mpiexec.RunAlone(Worker, "--model", model, "--out", Path.Combine(_folder, "one.json"));
        var ranks = Mpiexec.Run(2, Worker, "--model", model, "--out", Path.Combine(_folder, "two.json"));

        Assert.That(alone.ExitCode, Is.EqualTo(0), alone.Error);
        Assert.That(ranks.ExitCode, Is.EqualTo(0), ranks.Error);
        var (one, two) = (Read("one.json"), Read("two.json"));
        double weightDifference = one.Weights.Zip(two.Weights, (a, b) => Math.Abs((double)a - b)).Max();
        double largestWeight = one.Weights.Max(Math.Abs);
        TestContext.Out.WriteLine($"{model}, 1 process vs 2 ranks: losses [{string.Join(", ", one.Loss)}] vs [{string.Join(", ", two.Loss)}], " +
            $"max |weight difference| {weightDifference:E2} over {one.Weights.Length} weights (largest |weight| {largestWeight:G3})");

        Assert.That(one.Loss[^1], Is.LessThan(one.Loss[0]), "the model should learn something");
        Assert.That(two.Loss, Is.EqualTo(one.Loss).Within(1e-6));
        Assert.That(two.Accuracy, Is.EqualTo(one.Accuracy));
        // float32 sums split across ranks round differently: a few units in the last place of the largest weight.
        Assert.That(weightDifference / Math.Max(1, largestWeight), Is.LessThan(1e-6));
    }

    private (double[] Loss, double[] Accuracy, float[] Weights) Read(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, file)));
        var root = document.RootElement;
        return ([.. root.GetProperty("loss").EnumerateArray().Select(value => value.GetDouble())],
            [.. root.GetProperty("accuracy").EnumerateArray().Select(value => value.GetDouble())],
            [.. root.GetProperty("weights").EnumerateArray().Select(value => value.GetSingle())]);
    }
}
