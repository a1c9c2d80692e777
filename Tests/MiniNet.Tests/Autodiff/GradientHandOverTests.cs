using MiniNet.Autodiff;
using MiniNet.Tensors;

namespace MiniNet.Tests.Autodiff;

/// <summary>An add passes its output's gradient to its inputs; the tape may hand that buffer to an input instead of copying
/// it, and the gradients it returns or traces must not change because of it.</summary>
public class GradientHandOverTests
{
    // t = 3x, then y = x + c, loss = Σ y² + Σ t: dloss/dy = 2y, dloss/dx = 2y + 3. Backward runs the add before t's
    // multiply, so x's second contribution is added into the buffer the add gave x.
    private static readonly double[] X = [0.5, -1, 2], C = [1, 1, -3];

    /// <summary>Also inside a <see cref="TensorScope"/>, where gradients already read go back to the pool as the pass goes:
    /// a gradient the caller asked for is never one of them.</summary>
    [Test]
    public void Gradient_WithAnAddOutputAsASource_ReturnsItsOwnGradient([Values] bool inScope)
    {
        using var scope = inScope ? new TensorScope() : null;
        var (x, c) = (new Tensor(X, 3), new Tensor(C, 3));
        using var tape = new GradientTape();
        tape.Watch(x);
        var t = x * 3.0;
        var y = x + c;
        var loss = (y * y).Sum() + t.Sum();

        var gradients = tape.Gradient(loss, [y, x]);

        Assert.That(gradients[0]!.ToArray<double>(), Is.EqualTo(new[] { 3.0, 0, -2 }));
        Assert.That(gradients[1]!.ToArray<double>(), Is.EqualTo(new[] { 6.0, 3, 1 }));
    }

    [Test]
    public void Gradient_Traced_ShowsEachAddOutputsOwnGradient()
    {
        var (x, c) = (new Tensor(X, 3), new Tensor(C, 3));
        using var tape = new GradientTape { TraceGradients = true };
        tape.Watch(x);
        var t = x * 3.0;
        var y = x + c;
        var loss = (y * y).Sum() + t.Sum();

        Assert.That(tape.Gradient(loss, [x])[0]!.ToArray<double>(), Is.EqualTo(new[] { 6.0, 3, 1 }));
        var node = tape.Graph.Nodes.Single(n => n.Name == "add" && n.Shape.SequenceEqual([3]));
        Assert.That(node.GradientNorm, Is.EqualTo(Math.Sqrt(9 + 0 + 4)).Within(1e-12));
    }

    [Test]
    public void Gradient_OfATensorAddedToItself_IsTwiceTheUpstream()
    {
        var x = new Tensor(X, 3);
        using var tape = new GradientTape();
        tape.Watch(x);
        var loss = ((x + x) * new Tensor([1.0, 2, 3], 3)).Sum();

        Assert.That(tape.Gradient(loss, [x])[0]!.ToArray<double>(), Is.EqualTo(new[] { 2.0, 4, 6 }));
    }

    /// <summary>A residual chain, each add's gradient handed on and then added into by the branch that reads the same
    /// tensor: the gradient matches finite differences in float64.</summary>
    [Test]
    public void Gradient_OfAResidualChain_MatchesFiniteDifferences()
    {
        var weights = TestTensors.Uniform(8, -1, 1, 5, 5);
        GradientChecking.AssertMatchesFiniteDifferences(x =>
        {
            var h = x;
            for (int i = 0; i < 3; i++) h = h + ((h.MatMul(weights) * h).Sum() * 0.1 + h * 0.5);
            return (h * h).Sum();
        }, TestTensors.Uniform(7, -1, 1, 4, 5));
    }
}
