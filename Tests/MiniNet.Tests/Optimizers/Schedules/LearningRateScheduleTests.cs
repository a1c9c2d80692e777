using MiniNet.Optimizers;
using MiniNet.Optimizers.Schedules;
using MiniNet.Tests.Optimizers;

namespace MiniNet.Tests.Optimizers.Schedules;

// A schedule plugged into an optimizer, exercised through plain SGD (w ← w - lr·g), whose steps are easy to follow by hand.
public class LearningRateScheduleTests
{
    [Test]
    public void PluggedIntoAnOptimizer_GivesTheRateOfEachStep_AtTheStepCount()
    {
        var optimizer = new Sgd { Schedule = new StepDecay(initialRate: 0.1, stepSize: 1, gamma: 0.5) };
        var weights = FixedGradients.Run(optimizer, [1.0], [[1.0], [1.0], [1.0]]);

        // rates 0.1, 0.05, 0.025: w = 1 - 0.1 = 0.9, 0.9 - 0.05 = 0.85, 0.85 - 0.025 = 0.825
        Assert.That(weights.Select(w => w[0]), Is.EqualTo(new[] { 0.9, 0.85, 0.825 }).Within(1e-12));
        Assert.That(optimizer.Iterations, Is.EqualTo(3));
        Assert.That(optimizer.LearningRate, Is.EqualTo(0.0125).Within(1e-12), "the rate of the next step, step 3");
    }

    [Test]
    public void SettingTheOptimizersLearningRate_WhileAScheduleIsSet_Throws()
    {
        var optimizer = new Sgd(learningRate: 0.3) { Schedule = new ExponentialDecay(0.1, 10, 0.5) };

        Assert.That(() => optimizer.LearningRate = 0.2, Throws.InvalidOperationException.With.Message.StartsWith("optimizer: the learning rate comes from the schedule"));
        Assert.That(optimizer.LearningRate, Is.EqualTo(0.1), "the schedule's rate at step 0, not the fixed 0.3");
    }

    [Test]
    public void NegativeStep_Throws_NamingParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(0.1, 10).RateAt(-1));
        Assert.That(error!.ParamName, Is.EqualTo("step"));
        Assert.That(error.Message, Does.Contain("StepDecay: step must be >= 0, got -1"));
    }
}
