using System.Text.Json;
using MiniNet.Checkpoints;
using MiniNet.Layers;
using MiniNet.Models;

namespace MiniNet.Distributed.Tests.Samples;

/// <summary>The MNIST-lite sample as a user runs it: alone, and as two ranks under mpiexec with --distributed.</summary>
public class MnistLiteOverMpiTests
{
    private const string Sample = "MnistLite.dll";
    private string _folder = null!;

    [SetUp]
    public void MakeFolder()
    {
        _folder = Directory.CreateTempSubdirectory("mininet-mnist-mpi-").FullName;
        Mpiexec.RequireMpich();
    }

    [TearDown]
    public void DeleteFolder()
    {
        Directory.Delete(_folder, recursive: true);
    }

    private string[] Arguments(string run) =>
        ["--epochs", "1", "--threads", "1", "--save", Path.Combine(_folder, run + ".ckpt"), "--json", Path.Combine(_folder, run + ".json"),
            "--plot", Path.Combine(_folder, run + ".png")];

    private (double TrainLoss, double TestLoss, double TestAccuracy) Summary(string run)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, run + ".json")));
        var root = document.RootElement;
        return (root.GetProperty("final_train_loss").GetDouble(), root.GetProperty("test_loss").GetDouble(), root.GetProperty("test_accuracy").GetDouble());
    }

    private float[] Weights(string run)
    {
        var model = new Sequential(784, [new Dense(128, Activation.Relu), new Dense(10)]);
        Checkpoint.LoadModel(Path.Combine(_folder, run + ".ckpt"), model);
        return [.. model.TrainableVariables.SelectMany(variable => variable.ToArray<float>())];
    }

    [Test]
    public void TwoRanksOf32_EndTheEpochWithTheLossesAndWeightsOfOneProcessAt64()
    {
        var alone = Mpiexec.RunAlone(Sample, Arguments("one"));
        var ranks = Mpiexec.Run(2, Sample, ["--distributed", .. Arguments("two")]);

        Assert.That(alone.ExitCode, Is.EqualTo(0), alone.Error);
        Assert.That(ranks.ExitCode, Is.EqualTo(0), ranks.Error);
        Assert.That(ranks.Output, Does.Contain("batch 64 (32 per rank on 2 ranks)"));
        var (one, two) = (Summary("one"), Summary("two"));
        var (oneWeights, twoWeights) = (Weights("one"), Weights("two"));
        double weightDifference = oneWeights.Zip(twoWeights, (a, b) => Math.Abs((double)a - b)).Max();
        TestContext.Out.WriteLine($"1 process at 64 vs 2 ranks of 32, after one epoch (113 steps) of MNIST-lite: train loss {one.TrainLoss:R} vs {two.TrainLoss:R} " +
            $"(|difference| {Math.Abs(one.TrainLoss - two.TrainLoss):E2}), test loss {one.TestLoss:R} vs {two.TestLoss:R} (|difference| {Math.Abs(one.TestLoss - two.TestLoss):E2}), " +
            $"test accuracy {one.TestAccuracy} vs {two.TestAccuracy}, max |weight difference| {weightDifference:E2} over {oneWeights.Length} weights " +
            $"(largest |weight| {oneWeights.Max(Math.Abs):G3})");

        Assert.That(two.TrainLoss, Is.EqualTo(one.TrainLoss).Within(1e-6));
        Assert.That(two.TestLoss, Is.EqualTo(one.TestLoss).Within(1e-6));
        Assert.That(two.TestAccuracy, Is.EqualTo(one.TestAccuracy));
        Assert.That(weightDifference, Is.LessThan(1e-6));
    }

    [Test]
    public void TwoRanks_OnlyRankZeroPrints()
    {
        var ranks = Mpiexec.Run(2, Sample, ["--distributed", .. Arguments("two")]);

        Assert.That(ranks.ExitCode, Is.EqualTo(0), ranks.Error);
        Assert.That(ranks.Output.Split('\n').Count(line => line.StartsWith("test accuracy:")), Is.EqualTo(1));
        Assert.That(ranks.Output.Split('\n').Count(line => line.StartsWith("data:")), Is.EqualTo(1));
        Assert.That(ranks.Output, Does.Contain("all-reduce:").And.Contain("ms per step on rank 0 (113 steps)"));
    }

    [Test]
    public void UnderMpiexecWithoutDistributed_RefusesToRunTwoCopies()
    {
        var copies = Mpiexec.Run(2, Sample, Arguments("copies"));

        Assert.That(copies.ExitCode, Is.EqualTo(2));
        Assert.That(copies.Error, Does.Contain("started as one of 2 MPI processes; add --distributed"));
        Assert.That(File.Exists(Path.Combine(_folder, "copies.ckpt")), Is.False);
    }
}
