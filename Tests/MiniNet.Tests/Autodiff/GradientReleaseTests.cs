using MiniNet.Autodiff;
using MiniNet.Tensors;

namespace MiniNet.Tests.Autodiff;

/// <summary>Inside a <see cref="TensorScope"/>, the backward pass gives an op's output gradient back to the pool once the
/// op's backward pass has read it, unless the caller asked for it, a traced graph shows it, or an input took the buffer over;
/// the gradients returned must not change because of it.</summary>
public class GradientReleaseTests
{
    private static readonly double[] X = [0.5, -1, 2], C = [1, 1, -3];

    /// <summary>Twelve tanh ops in a chain on an unusual length (no other test's buffers to reuse): the forward pass makes a
    /// buffer per op, the backward pass only a few, each gradient reusing the one given back before it.</summary>
    [Test]
    public void Gradient_InAScope_ReusesTheBuffersOfGradientsAlreadyRead()
    {
        const int length = 1237, depth = 12;
        using var scope = new TensorScope();
        var x = new Tensor(Enumerable.Range(0, length).Select(i => (float)Math.Sin(i)).ToArray(), length);
        using var tape = new GradientTape();
        tape.Watch(x);
        var h = x;
        for (int i = 0; i < depth; i++) h = h.Tanh();
        var loss = h.Sum();
        long before = TensorPool.Made;

        var gradient = tape.Gradient(loss, [x])[0]!;

        Assert.That(TensorPool.Made - before, Is.LessThanOrEqualTo(3), "arrays made by the backward pass");
        // d/dx of tanh∘…∘tanh, computed here in float64 from the same float32 input.
        var expected = x.ToArray<float>().Select(v =>
        {
            double value = v, slope = 1;
            for (int i = 0; i < depth; i++) { value = Math.Tanh(value); slope *= 1 - value * value; }
            return slope;
        });
        Assert.That(gradient.ToArray<float>().Select(g => (double)g), Is.EqualTo(expected).Within(1e-5).AsCollection);
    }

    /// <summary>A traced pass inside a scope keeps every op's gradient for the graph: the add's norm is there to read.</summary>
    [Test]
    public void Gradient_InAScope_Traced_KeepsEveryGradientForTheGraph()
    {
        using var scope = new TensorScope();
        var (x, c) = (new Tensor(X, 3), new Tensor(C, 3));
        using var tape = new GradientTape { TraceGradients = true };
        tape.Watch(x);
        var y = (x * 3.0) + c;
        var loss = (y * y).Sum();

        Assert.That(tape.Gradient(loss, [x])[0]!.ToArray<double>(), Is.EqualTo(X.Zip(C, (a, b) => 6 * (3 * a + b))));
        var node = tape.Graph.Nodes.Single(n => n.Name == "add");
        Assert.That(node.GradientNorm, Is.EqualTo(Math.Sqrt(X.Zip(C, (a, b) => Math.Pow(2 * (3 * a + b), 2)).Sum())).Within(1e-12));
    }

    /// <summary>A residual chain (each add's gradient handed on, then added into by the branch reading the same tensor)
    /// gives the same bits inside a scope, where gradients are given back as the pass goes, as outside one.</summary>
    [Test]
    public void Gradient_OfAResidualChain_SameBitsInsideAndOutsideAScope()
    {
        float[] Run()
        {
            var x = new Tensor(new[] { 0.3f, -1.2f, 2.5f, 0.7f }, 4);
            using var tape = new GradientTape();
            tape.Watch(x);
            var h = x;
            for (int i = 0; i < 5; i++) h = h + (h * 0.5f).Tanh();
            return tape.Gradient((h * h).Sum(), [x])[0]!.ToArray<float>();
        }
        var outside = Run();
        float[] inside;
        using (new TensorScope()) inside = Run();

        Assert.That(inside.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(outside.Select(BitConverter.SingleToInt32Bits)).AsCollection);
    }
}
