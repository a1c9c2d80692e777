using MiniNet.Optimizers.Schedules;

namespace MiniNet.Tests.Optimizers.Schedules;

public class ExponentialDecayTests
{
    // 0.1 · 0.5^(step / 10): halves every 10 steps, smoothly in between (step 5: 0.1/√2).
    [TestCase(0, 0.1)]
    [TestCase(5, 0.070710678118654752)]
    [TestCase(10, 0.05)]
    [TestCase(30, 0.0125)]
    public void Rate_IsMultipliedByDecayRateEveryDecaySteps(long step, double expected) =>
        Assert.That(new ExponentialDecay(initialRate: 0.1, decaySteps: 10, decayRate: 0.5).RateAt(step), Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void NegativeInitialRate_Throws_NamingParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(initialRate: -0.1, 10, 0.5));
        Assert.That(error!.ParamName, Is.EqualTo("initialRate"));
        Assert.That(error.Message, Does.Contain("ExponentialDecay: initialRate must be a finite number >= 0, got -0.1"));
    }
}
