using MiniNet.Optimizers.Schedules;

namespace MiniNet.Tests.Optimizers.Schedules;

public class LinearWarmupTests
{
    // Warm-up 0 → 1 over 2 steps, then CosineDecay(1, 4) from its own step 0: (1 + cos(π·k/4))/2 at k = step - 2.
    [TestCase(0, 0.0)]
    [TestCase(1, 0.5)]
    [TestCase(2, 1.0)]
    [TestCase(3, 0.85355339059327376220)]
    [TestCase(4, 0.5)]
    [TestCase(6, 0.0)]
    public void Rate_RisesLinearly_ThenFollowsTheWrappedScheduleFromItsStart(long step, double expected) =>
        Assert.That(new LinearWarmup(new CosineDecay(initialRate: 1, decaySteps: 4), warmupSteps: 2).RateAt(step), Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void StartRate_IsTheRateOfStepZero()
    {
        var warmup = new LinearWarmup(new StepDecay(initialRate: 0.1, stepSize: 100), warmupSteps: 4, startRate: 0.02);

        // 0.02 + (0.1 - 0.02)·step/4
        Assert.That(new[] { warmup.RateAt(0), warmup.RateAt(2), warmup.RateAt(4) }, Is.EqualTo(new[] { 0.02, 0.06, 0.1 }).Within(1e-12));
    }

    [Test]
    public void ZeroWarmupSteps_Throws_NamingParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmup(new StepDecay(0.1, 10), warmupSteps: 0));
        Assert.That(error!.ParamName, Is.EqualTo("warmupSteps"));
        Assert.That(error.Message, Does.Contain("LinearWarmup: warmupSteps must be >= 1, got 0"));
    }
}
