using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace MiniNet.Tests.Optimizers;

public class OptimizerWrapperTests
{
    // A stage that multiplies every gradient by a factor (into a new tensor) and the step's examples by the same factor.
    private sealed class Scaling(Optimizer wrapped, double factor) : OptimizerWrapper(wrapped)
    {
        protected override void CombineGradients(Tensor?[] gradients, IReadOnlyList<Variable> variables, StepTotals? totals)
        {
            for (int i = 0; i < gradients.Length; i++)
                if (gradients[i] is { } gradient) gradients[i] = new Tensor(gradient.ToArray<double>().Select(g => g * factor).ToArray(), gradient.Length);
            if (totals != null) totals.Examples = (long)(totals.Examples * factor);
        }
    }

    // A stage that adds a constant to every gradient element.
    private sealed class Shifting(Optimizer wrapped, double shift) : OptimizerWrapper(wrapped)
    {
        protected override void CombineGradients(Tensor?[] gradients, IReadOnlyList<Variable> variables, StepTotals? totals)
        {
            for (int i = 0; i < gradients.Length; i++)
                if (gradients[i] is { } gradient) gradients[i] = new Tensor(gradient.ToArray<double>().Select(g => g + shift).ToArray(), gradient.Length);
        }
    }

    [Test]
    public void ApplyGradients_StepsTheWrappedRuleOnTheCombinedGradients()
    {
        // Gradient 0.5 doubled to 1, twice, with SGD lr 0.1 momentum 0.9: v₁ = 1, w₁ = 1 - 0.1 = 0.9; v₂ = 0.9 + 1 = 1.9,
        // w₂ = 0.9 - 0.19 = 0.71.
        var weights = FixedGradients.Run(new Scaling(new Sgd(0.1, momentum: 0.9), 2), [1.0], [[0.5], [0.5]]);

        Assert.That(weights[0][0], Is.EqualTo(0.9).Within(1e-12));
        Assert.That(weights[1][0], Is.EqualTo(0.71).Within(1e-12));
    }

    [Test]
    public void ApplyGradients_ThroughTheWrapper_AdvancesTheWrappedOptimizersStepCountAndSlots()
    {
        var sgd = new Sgd(0.1, momentum: 0.9);
        var w = FixedGradients.Variable(1.0);

        FixedGradients.Run(new Scaling(sgd, 2), w, [[0.5]]);

        Assert.That(sgd.Iterations, Is.EqualTo(1));
        Assert.That(sgd.SlotsOf(w)["velocity"].ToArray<double>(), Is.EqualTo(new[] { 1.0 }));
    }

    [Test]
    public void LearningRateScheduleAndClipping_AreTheWrappedOptimizers()
    {
        var sgd = new Sgd(0.1);
        var wrapper = new Scaling(sgd, 2) { LearningRate = 0.05, ClipNorm = 3 };

        Assert.That((sgd.LearningRate, sgd.ClipNorm), Is.EqualTo((0.05, (double?)3)));
        sgd.Schedule = new MiniNet.Optimizers.Schedules.StepDecay(0.2, 10, 0.5);
        Assert.That(wrapper.LearningRate, Is.EqualTo(0.2));
    }

    [Test]
    public void HyperParameters_AreTheWrappedOptimizers_SoItsStateLoadsIntoTheBareOptimizer()
    {
        var wrapper = new Scaling(new Sgd(0.1, momentum: 0.9), 2);
        var w = FixedGradients.Variable(1.0);
        FixedGradients.Run(wrapper, w, [[0.5]]);
        var bare = new Sgd(0.1, momentum: 0.9);

        bare.ImportState(wrapper.ExportState(), [w]);

        Assert.That(wrapper.HyperParameters, Is.EqualTo(new Sgd(0.1, momentum: 0.9).HyperParameters));
        Assert.That(bare.Iterations, Is.EqualTo(1));
        Assert.That(bare.SlotsOf(w)["velocity"].ToArray<double>(), Is.EqualTo(new[] { 1.0 }));
    }

    [Test]
    public void ApplyGradients_LeavesTheCallersGradientsUnchanged()
    {
        var gradient = new Tensor([0.5], 1);

        new Scaling(new Sgd(0.1), 2).ApplyGradients([(gradient, FixedGradients.Variable(1.0))]);

        Assert.That(gradient.ToArray<double>(), Is.EqualTo(new[] { 0.5 }));
    }

    [Test]
    public void WrapperOfAWrapper_RunsTheInnerStageFirst()
    {
        // (0.5 + 1) × 2 = 3, so w = 1 - 0.1 × 3 = 0.7; the other order would give 0.5 × 2 + 1 = 2 and w = 0.8.
        var weights = FixedGradients.Run(new Scaling(new Shifting(new Sgd(0.1), 1), 2), [1.0], [[0.5]]);

        Assert.That(weights[0][0], Is.EqualTo(0.7).Within(1e-12));
    }

    [Test]
    public void ApplyGradients_GivesTheStageTheStepTotals_AndAPlainOptimizerLeavesThemAlone()
    {
        var w = FixedGradients.Variable(1.0);
        var throughWrapper = new StepTotals(1) { Examples = 32 };
        var throughPlain = new StepTotals(1) { Examples = 32 };

        new Scaling(new Sgd(0.1), 2).ApplyGradients([(new Tensor([0.5], 1), w)], throughWrapper);
        new Sgd(0.1).ApplyGradients([(new Tensor([0.5], 1), w)], throughPlain);

        Assert.That(throughWrapper.Examples, Is.EqualTo(64));
        Assert.That(throughPlain.Examples, Is.EqualTo(32));
    }

    [Test]
    public void Constructor_NullOptimizer_Throws()
    {
        Assert.That(() => new Scaling(null!, 2), Throws.ArgumentNullException);
    }
}
