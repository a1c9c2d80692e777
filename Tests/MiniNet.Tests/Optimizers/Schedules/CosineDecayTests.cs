using MiniNet.Optimizers.Schedules;

namespace MiniNet.Tests.Optimizers.Schedules;

public class CosineDecayTests
{
    // 0.2 + (1 - 0.2)·(1 + cos(π·min(step, 4)/4))/2: step 1 is 0.2 + 0.4·(1 + √2/2); the halfway step 2 is the midpoint 0.6.
    [TestCase(0, 1.0)]
    [TestCase(1, 0.88284271247461900976)]
    [TestCase(2, 0.6)]
    [TestCase(4, 0.2)]
    [TestCase(100, 0.2)]
    public void Rate_FollowsHalfACosine_ThenStaysAtTheFinalRate(long step, double expected) =>
        Assert.That(new CosineDecay(initialRate: 1, decaySteps: 4, finalRate: 0.2).RateAt(step), Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void DefaultFinalRate_IsZero() =>
        Assert.That(new CosineDecay(initialRate: 0.1, decaySteps: 100).RateAt(100), Is.EqualTo(0).Within(1e-12));

    [Test]
    public void FinalRateAboveInitialRate_Throws_NamingParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(initialRate: 0.1, decaySteps: 10, finalRate: 0.5));
        Assert.That(error!.ParamName, Is.EqualTo("finalRate"));
        Assert.That(error.Message, Does.Contain("CosineDecay: finalRate must not exceed initialRate 0.1, got 0.5"));
    }
}
