using MiniNet.Optimizers;
using MiniNet.Optimizers.Schedules;
using MiniNet.Tensors;

namespace MiniNet.Tests.Optimizers;

// The bookkeeping every optimizer shares, exercised through plain SGD (w ← w - lr·g), whose steps are easy to follow by hand.
public class OptimizerTests
{
    [Test]
    public void Schedule_GivesTheRateOfEachStep_AtTheStepCount()
    {
        var optimizer = new Sgd { Schedule = new StepDecay(initialRate: 0.1, stepSize: 1, gamma: 0.5) };
        var weights = FixedGradients.Run(optimizer, [1.0], [[1.0], [1.0], [1.0]]);

        // rates 0.1, 0.05, 0.025: w = 1 - 0.1 = 0.9, 0.9 - 0.05 = 0.85, 0.85 - 0.025 = 0.825
        Assert.That(weights.Select(w => w[0]), Is.EqualTo(new[] { 0.9, 0.85, 0.825 }).Within(1e-12));
        Assert.That(optimizer.Iterations, Is.EqualTo(3));
        Assert.That(optimizer.LearningRate, Is.EqualTo(0.0125).Within(1e-12), "the rate of the next step, step 3");
    }

    [Test]
    public void SettingTheLearningRate_WhileAScheduleIsSet_Throws()
    {
        var optimizer = new Sgd { Schedule = new ExponentialDecay(0.1, 10, 0.5) };
        Assert.Throws<InvalidOperationException>(() => optimizer.LearningRate = 0.2);
    }

    [Test]
    public void NegativeLearningRate_Throws_NamingParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(learningRate: -1));
        Assert.That(error!.ParamName, Is.EqualTo("LearningRate"));
        Assert.That(error.Message, Does.Contain("adam: learning rate must be a finite number >= 0, got -1"));
    }

    [Test]
    public void NullGradient_LeavesTheVariableAndItsState_Untouched_ButTheStepCounts()
    {
        var optimizer = new Adam();
        var variable = FixedGradients.Variable(1.0, 2.0);
        optimizer.ApplyGradients([(null, variable)]);

        Assert.That(variable.ToArray<double>(), Is.EqualTo(new[] { 1.0, 2.0 }));
        Assert.That(optimizer.SlotsOf(variable), Is.Empty);
        Assert.That(optimizer.Iterations, Is.EqualTo(1));
    }

    [Test]
    public void Float32Variables_FollowTheSameRule()
    {
        var optimizer = new Adam(learningRate: 0.1);
        var variable = new Variable(new Tensor([1f, -2f], 2), "w");
        optimizer.ApplyGradients([(new Tensor([0.5f, -1f], 2), variable)]);

        // Adam's first step is lr·sign(g) (m̂ = g, v̂ = g²), up to ε.
        Assert.That(variable.ToArray<float>(), Is.EqualTo(new[] { 0.9f, -1.9f }).Within(1e-6f));
        Assert.That(optimizer.SlotsOf(variable)["exp_avg"].DType, Is.EqualTo(DType.Float32));
    }

    [Test]
    public void ClipNorm_ScalesAllGradientsOfAStepTogether_WithoutTouchingTheCallersTensors()
    {
        var optimizer = new Sgd(learningRate: 1) { ClipNorm = 6.5 };
        var (first, second) = (FixedGradients.Variable(0.0, 0.0), FixedGradients.Variable(0.0));
        var (firstGradient, secondGradient) = (new Tensor([3.0, 4.0], 2), new Tensor([12.0], 1));
        optimizer.ApplyGradients([(firstGradient, first), (secondGradient, second)]);

        // global norm 13 > 6.5: every gradient is halved, then w = 0 - 1·g/2
        Assert.That(first.ToArray<double>(), Is.EqualTo(new[] { -1.5, -2.0 }).Within(1e-12));
        Assert.That(second.ToArray<double>(), Is.EqualTo(new[] { -6.0 }).Within(1e-12));
        Assert.That(firstGradient.ToArray<double>(), Is.EqualTo(new[] { 3.0, 4.0 }));
        Assert.That(secondGradient.ToArray<double>(), Is.EqualTo(new[] { 12.0 }));
    }

    [Test]
    public void ClipValue_IsAppliedBeforeClipNorm()
    {
        var optimizer = new Sgd(learningRate: 1) { ClipValue = 4, ClipNorm = 3 };
        var (first, second) = (FixedGradients.Variable(0.0, 0.0), FixedGradients.Variable(0.0));
        optimizer.ApplyGradients([(new Tensor([2.0, 10.0], 2), first), (new Tensor([4.0], 1), second)]);

        // by value: (2, 10), (4) → (2, 4), (4), norm √36 = 6; by norm: factor 3/6 → (1, 2), (2).
        // (The other order would give (2, 10)·3/√120 = (0.5477…, 2.7386…).)
        Assert.That(first.ToArray<double>(), Is.EqualTo(new[] { -1.0, -2.0 }).Within(1e-12));
        Assert.That(second.ToArray<double>(), Is.EqualTo(new[] { -2.0 }).Within(1e-12));
    }

    [Test]
    public void ZeroClipNorm_Throws_NamingPropertyAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp { ClipNorm = 0 });
        Assert.That(error!.ParamName, Is.EqualTo("ClipNorm"));
        Assert.That(error.Message, Does.Contain("rmsprop: ClipNorm must be a finite number > 0, got 0"));
    }

    [Test]
    public void GradientOfAnotherShape_Throws_NamingTheVariable()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Adagrad().ApplyGradients([(new Tensor([1.0], 1), FixedGradients.Variable(1.0, 2.0))]));
        Assert.That(error!.Message, Does.Contain("adagrad: gradient (1) float64 does not match variable 'w' (2) float64"));
    }
}
