using MiniNet.Autodiff;
using MiniNet.Ops;
using MiniNet.Tensors;
using Playground.Model;

namespace MiniNet.Playground.Tests.Model;

public class RacersDenseOpTests
{
    private static readonly FusibleActivation?[] Activations = [null, FusibleActivation.Tanh, FusibleActivation.Relu, FusibleActivation.Sigmoid];

    // Values away from 0 and from each other, in [-1.5, 1.5).
    private static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() * 3 - 1.5)];
    }

    // Each racer's kernel (4, 5) and bias (5), racer after racer.
    private static Tensor[] Weights(int seed) =>
        [new Tensor(Values(20, seed), 4, 5), new Tensor(Values(5, seed + 1), 5), new Tensor(Values(20, seed + 2), 4, 5), new Tensor(Values(5, seed + 3), 5)];

    [TestCaseSource(nameof(Activations))]
    public void StackedInputs_PassGradientCheck(FusibleActivation? activation)
    {
        var inputs = new Tensor(Values(2 * 3 * 4, 1), 2, 3, 4);

        var result = GradientCheck.Run(t => RacersDenseOp.Apply(t[0], t.Skip(1).ToArray(), activation), [inputs, .. Weights(2)]);

        Assert.That(result.Passed, Is.True, result.ToString());
    }

    [TestCaseSource(nameof(Activations))]
    public void SharedInputs_PassGradientCheck_TheirGradientSummedOverTheRacers(FusibleActivation? activation)
    {
        var inputs = new Tensor(Values(3 * 4, 3), 3, 4);

        var result = GradientCheck.Run(t => RacersDenseOp.Apply(t[0], t.Skip(1).ToArray(), activation), [inputs, .. Weights(4)]);

        Assert.That(result.Passed, Is.True, result.ToString());
    }

    /// <summary>Each racer's outputs and gradients are those of its layer alone (a matmul, then the fused bias and
    /// activation, or an add for a linear layer), bit for bit, in float32.</summary>
    [TestCaseSource(nameof(Activations))]
    public void EachRacersPart_IsItsOwnDenseLayer_BitForBit(FusibleActivation? activation)
    {
        var inputs = Float32(new Tensor(Values(2 * 7 * 4, 5), 2, 7, 4));
        var weights = Weights(6).Select(Float32).ToArray();
        var upstream = Float32(new Tensor(Values(2 * 7 * 5, 7), 2, 7, 5));

        var (outputs, gradients) = ForwardBackward(t => RacersDenseOp.Apply(t[0], t.Skip(1).ToArray(), activation), upstream, [inputs, .. weights]);

        for (int racer = 0; racer < 2; racer++)
        {
            var rows = new Tensor(inputs.ToArray<float>()[(racer * 28)..((racer + 1) * 28)], 7, 4);
            var ownUpstream = new Tensor(upstream.ToArray<float>()[(racer * 35)..((racer + 1) * 35)], 7, 5);
            var (own, ownGradients) = ForwardBackward(t => activation is { } fused
                ? BiasActivationOp.Apply(t[0].MatMul(t[1]), t[2], fused)
                : t[0].MatMul(t[1]) + t[2], ownUpstream, [rows, weights[2 * racer], weights[2 * racer + 1]]);
            Assert.That(outputs.ToArray<float>()[(racer * 35)..((racer + 1) * 35)], Is.EqualTo(own.ToArray<float>()), $"racer {racer + 1}'s outputs");
            Assert.That(gradients[0]!.ToArray<float>()[(racer * 28)..((racer + 1) * 28)], Is.EqualTo(ownGradients[0]!.ToArray<float>()), $"racer {racer + 1}'s inputs");
            Assert.That(gradients[1 + 2 * racer]!.ToArray<float>(), Is.EqualTo(ownGradients[1]!.ToArray<float>()), $"racer {racer + 1}'s kernel");
            Assert.That(gradients[2 + 2 * racer]!.ToArray<float>(), Is.EqualTo(ownGradients[2]!.ToArray<float>()), $"racer {racer + 1}'s bias");
        }
    }

    [Test]
    public void MismatchedShapes_NameThemAll()
    {
        var error = Assert.Throws<ArgumentException>(() => RacersDenseOp.Apply(Tensor.Zeros([3, 5]).To(DType.Float64), Weights(1), FusibleActivation.Tanh));

        Assert.That(error!.Message, Does.Contain("racers_dense_tanh: (3,5) with (4,5), (5), (4,5), (5)"));
    }

    // The function's output, and the gradients of Σ output·upstream with respect to each source.
    private static (Tensor Output, Tensor?[] Gradients) ForwardBackward(Func<Tensor[], Tensor> function, Tensor upstream, Tensor[] sources)
    {
        using var tape = new GradientTape();
        foreach (var source in sources) tape.Watch(source);
        var output = function(sources);
        return (output, tape.Gradient((output * upstream).Sum(), sources));
    }

    private static Tensor Float32(Tensor tensor) => tensor.To(DType.Float32);
}
