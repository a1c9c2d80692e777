using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace MiniNet.Tests.Optimizers;

/// <summary>The optimizer's one hook before clipping and the update (Keras's gradient_aggregator), which
/// MiniNet.Distributed's all-reduce uses.</summary>
public class GradientAggregatorTests
{
    // Replaces every gradient with a new tensor holding it multiplied by a factor.
    private static Action<Tensor?[], IReadOnlyList<Variable>> Scaling(double factor) => (gradients, _) =>
    {
        for (int i = 0; i < gradients.Length; i++)
            if (gradients[i] is { } gradient) gradients[i] = new Tensor(gradient.ToArray<double>().Select(g => g * factor).ToArray(), gradient.Length);
    };

    [Test]
    public void ApplyGradients_StepsTheRuleOnTheAggregatedGradients()
    {
        // Gradient 0.5 doubled to 1, twice, with SGD lr 0.1 momentum 0.9: v₁ = 1, w₁ = 1 - 0.1 = 0.9; v₂ = 0.9 + 1 = 1.9,
        // w₂ = 0.9 - 0.19 = 0.71.
        var weights = FixedGradients.Run(new Sgd(0.1, momentum: 0.9) { GradientAggregator = Scaling(2) }, [1.0], [[0.5], [0.5]]);

        Assert.That(weights[0][0], Is.EqualTo(0.9).Within(1e-12));
        Assert.That(weights[1][0], Is.EqualTo(0.71).Within(1e-12));
    }

    [Test]
    public void Aggregator_RunsBeforeClipping()
    {
        // 0.5 doubled to 1, then clipped to 0.8: w = 1 - 0.1 × 0.8 = 0.92; clipping first would give 0.5 × 2 = 1 and w = 0.9.
        var weights = FixedGradients.Run(new Sgd(0.1) { GradientAggregator = Scaling(2), ClipValue = 0.8 }, [1.0], [[0.5]]);

        Assert.That(weights[0][0], Is.EqualTo(0.92).Within(1e-12));
    }

    [Test]
    public void Aggregator_SeesTheVariablesInOrder()
    {
        var (first, second) = (FixedGradients.Variable(1.0), FixedGradients.Variable(2.0));
        IReadOnlyList<Variable>? seen = null;

        new Sgd(0.1) { GradientAggregator = (_, variables) => seen = variables }.ApplyGradients([(new Tensor([0.5], 1), first), (null, second)]);

        Assert.That(seen, Is.EqualTo(new[] { first, second }));
    }

    [Test]
    public void ApplyGradients_LeavesTheCallersGradientsUnchanged()
    {
        var gradient = new Tensor([0.5], 1);

        new Sgd(0.1) { GradientAggregator = Scaling(2) }.ApplyGradients([(gradient, FixedGradients.Variable(1.0))]);

        Assert.That(gradient.ToArray<double>(), Is.EqualTo(new[] { 0.5 }));
    }

    [Test]
    public void HyperParameters_LeaveTheAggregatorOut_SoAStateLoadsIntoAnOptimizerWithout()
    {
        var aggregated = new Sgd(0.1, momentum: 0.9) { GradientAggregator = Scaling(2) };
        var w = FixedGradients.Variable(1.0);
        FixedGradients.Run(aggregated, w, [[0.5]]);
        var bare = new Sgd(0.1, momentum: 0.9);

        bare.ImportState(aggregated.ExportState(), [w]);

        Assert.That(aggregated.HyperParameters, Is.EqualTo(new Sgd(0.1, momentum: 0.9).HyperParameters));
        Assert.That(bare.Iterations, Is.EqualTo(1));
        Assert.That(bare.SlotsOf(w)["velocity"].ToArray<double>(), Is.EqualTo(new[] { 1.0 }));
    }
}
