using Xor;

namespace MiniNet.Tests.Samples;

public class XorTests
{
    [Test]
    public void Train_WithMomentum_ClassifiesAllFourPointsWithLossBelowTargetWithin1000Epochs()
    {
        var result = XorExperiment.Train(momentum: 0.9);

        Assert.That(result.Converged, Is.True);
        Assert.That(result.Loss, Is.LessThan(0.01));
        Assert.That(result.Correct, Is.EqualTo(4));
        Assert.That(result.Epochs, Is.LessThanOrEqualTo(1000));
    }

    [Test]
    public void Train_WithoutMomentum_NeedsMoreEpochsThanWithMomentum()
    {
        var withMomentum = XorExperiment.Train(momentum: 0.9);
        var plain = XorExperiment.Train(momentum: 0);

        Assert.That(plain.Epochs, Is.GreaterThan(withMomentum.Epochs));
    }
}
