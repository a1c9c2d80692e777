using Xor;

namespace MiniNet.Tests.Samples;

public class XorTests
{
    /// <summary>README.md, the Samples table's Xor row and the Results table's XOR row: momentum SGD (lr 0.1, momentum 0.9,
    /// seed 7) reaches a loss under 0.01 after 280 epochs. Update it there too if it changes.</summary>
    private const int MomentumEpochs = 280;

    /// <summary>README.md, the same two rows: plain SGD from the same seed takes 2,269 epochs (8.1 times as many).</summary>
    private const int PlainSgdEpochs = 2269;

    [Test]
    public void Train_WithMomentum_ClassifiesAllFourPointsWithLossBelowTargetInTheReadmesEpochCount()
    {
        var result = XorExperiment.Train(momentum: 0.9);

        Assert.That(result.Converged, Is.True);
        Assert.That(result.Loss, Is.LessThan(0.01));
        Assert.That(result.Correct, Is.EqualTo(4));
        Assert.That(result.Epochs, Is.EqualTo(MomentumEpochs));
    }

    [Test]
    public void Train_WithoutMomentum_ClassifiesAllFourPointsInTheReadmesEpochCount()
    {
        var plain = XorExperiment.Train(momentum: 0);

        Assert.That(plain.Converged, Is.True);
        Assert.That(plain.Correct, Is.EqualTo(4));
        Assert.That(plain.Epochs, Is.EqualTo(PlainSgdEpochs));
    }

    [Test]
    public void TrainWithFit_BinaryCrossEntropyOnOneLogit_MatchesTheHandWrittenLoopAndReportsBinaryAccuracy()
    {
        var loop = XorExperiment.Train(momentum: 0.9);
        var history = XorExperiment.TrainWithFit(epochs: loop.Epochs);

        // One batch of all four points: Fit's shuffle only reorders the mean's terms, so the losses agree to rounding.
        Assert.That(history["loss"][^1], Is.EqualTo(loop.Loss).Within(1e-6));
        Assert.That(history["accuracy"][^1], Is.EqualTo(1.0), "binary accuracy: every logit on the right side of 0");
        Assert.That(history["accuracy"][0], Is.LessThan(1.0), "the untrained network misclassifies some point");
    }

    [Test]
    public void Sample_PrintsTheReadmesRatio()
    {
        var (exitCode, output) = SampleRunner.Run("Xor");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain($"Momentum reached loss < 0.01 in {MomentumEpochs} epochs, plain SGD in {PlainSgdEpochs}: 8.1x fewer with momentum."));
    }
}
