using MiniNet.Optimizers.Schedules;

namespace MiniNet.Tests.Optimizers.Schedules;

public class StepDecayTests
{
    // 0.1 · 0.5^⌊step / 3⌋
    [TestCase(0, 0.1)]
    [TestCase(2, 0.1)]
    [TestCase(3, 0.05)]
    [TestCase(5, 0.05)]
    [TestCase(6, 0.025)]
    [TestCase(9, 0.0125)]
    public void Rate_DropsByGammaEveryStepSizeSteps(long step, double expected) =>
        Assert.That(new StepDecay(initialRate: 0.1, stepSize: 3, gamma: 0.5).RateAt(step), Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void DefaultGamma_IsOneTenth() =>
        Assert.That(new StepDecay(initialRate: 1, stepSize: 10).RateAt(20), Is.EqualTo(0.01).Within(1e-12));

    [Test]
    public void ZeroStepSize_Throws_NamingParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(0.1, stepSize: 0));
        Assert.That(error!.ParamName, Is.EqualTo("stepSize"));
        Assert.That(error.Message, Does.Contain("StepDecay: stepSize must be >= 1, got 0"));
    }

    [Test]
    public void GammaAboveOne_Throws_NamingParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(0.1, 5, gamma: 2));
        Assert.That(error!.ParamName, Is.EqualTo("gamma"));
        Assert.That(error.Message, Does.Contain("StepDecay: gamma must be in (0, 1], got 2"));
    }
}
