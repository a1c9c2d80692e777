using MiniNet.Autodiff;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class BiasActivationOpTests
{
    private static readonly FusibleActivation[] Activations = [FusibleActivation.Relu, FusibleActivation.Sigmoid, FusibleActivation.Tanh];

    private static Tensor Unfused(Tensor x, Tensor bias, FusibleActivation activation) => activation switch
    {
        FusibleActivation.Relu => (x + bias).Relu(),
        FusibleActivation.Sigmoid => (x + bias).Sigmoid(),
        _ => (x + bias).Tanh(),
    };

    [Test]
    public void Apply_Relu_AddsTheBiasToEveryRowThenClampsAtZero()
    {
        var x = new Tensor([1.0, -2, 3, -4, 5, -6], 2, 3);
        var bias = new Tensor([0.5, 1, -4], 3);

        var y = BiasActivationOp.Apply(x, bias, FusibleActivation.Relu);

        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 1.5, 0, 0, 0, 6, 0 }));
    }

    /// <summary>ReLU's kink is kept away from the sample points (|x + b| ≥ 0.1), where finite differences are not defined.</summary>
    [TestCaseSource(nameof(Activations))]
    public void Apply_Gradient_MatchesFiniteDifferences(FusibleActivation activation)
    {
        var bias = Uniform(2, -0.5, 0.5, 5);
        var x = AwayFromZero(1, 0.1, 2, 4, 5) - bias;

        GradientChecking.AssertMatchesFiniteDifferences(inputs => BiasActivationOp.Apply(inputs[0], inputs[1], activation), x, bias);
    }

    /// <summary>A convolution's output is (N, H, W, C) with one bias per channel, the last axis: the op takes it as it is,
    /// no reshape to (N·H·W, C) needed.</summary>
    [TestCaseSource(nameof(Activations))]
    public void Apply_ChannelsLastImages_GradientMatchesFiniteDifferences(FusibleActivation activation)
    {
        var bias = Uniform(6, -0.5, 0.5, 4);
        var x = AwayFromZero(7, 0.1, 2, 2, 3, 3, 4) - bias;

        GradientChecking.AssertMatchesFiniteDifferences(inputs => BiasActivationOp.Apply(inputs[0], inputs[1], activation), x, bias);
    }

    /// <summary>The fused op promises the numbers of an add followed by the activation's own op, bit for bit, forward and
    /// backward, in float32 (where rounding would show), on a shape with a vector tail (37 columns).</summary>
    [TestCaseSource(nameof(Activations))]
    public void Apply_Float32_BitIdenticalToAddThenActivation(FusibleActivation activation)
    {
        var x = Uniform(3, -2, 2, 9, 37).To(DType.Float32);
        var bias = Uniform(4, -1, 1, 37).To(DType.Float32);
        var upstream = Uniform(5, -1, 1, 9, 37).To(DType.Float32);

        var (fused, fusedDx, fusedDb) = ForwardBackward(x, bias, upstream, (a, b) => BiasActivationOp.Apply(a, b, activation));
        var (unfused, unfusedDx, unfusedDb) = ForwardBackward(x, bias, upstream, (a, b) => Unfused(a, b, activation));

        Assert.That(fused, Is.EqualTo(unfused).AsCollection);
        Assert.That(fusedDx, Is.EqualTo(unfusedDx).AsCollection);
        Assert.That(fusedDb, Is.EqualTo(unfusedDb).AsCollection);
    }

    /// <summary>y, dx and db of y = function(x, bias) with upstream gradient dy, in float32.</summary>
    internal static (float[] Y, float[] Dx, float[] Db) ForwardBackward(Tensor x, Tensor bias, Tensor upstream, Func<Tensor, Tensor, Tensor> function)
    {
        using var tape = new GradientTape();
        tape.Watch(x);
        tape.Watch(bias);
        var y = function(x, bias);
        var gradients = tape.Gradient(y * upstream, [x, bias]);
        return (y.ToArray<float>(), gradients[0]!.ToArray<float>(), gradients[1]!.ToArray<float>());
    }

    [Test]
    public void Apply_InputAlsoUsedElsewhere_AddsBothGradientContributions()
    {
        var x = new Tensor([1.0, -2, 3, 4], 2, 2);
        var bias = new Tensor([0.5, 0.5], 2);
        using var tape = new GradientTape();
        tape.Watch(x);

        var loss = (x * 3).Sum() + BiasActivationOp.Apply(x, bias, FusibleActivation.Relu).Sum();
        var dx = tape.Gradient(loss, [x])[0]!;

        // d/dx of 3x is 3 everywhere; relu(x + 0.5) passes 1 where x + 0.5 > 0 (all but -2).
        Assert.That(dx.ToArray<double>(), Is.EqualTo(new[] { 4.0, 3, 4, 4 }));
    }

    [TestCase(new[] { 2, 3 }, new[] { 2 })]
    [TestCase(new[] { 2, 3 }, new[] { 1, 3 })]
    [TestCase(new int[0], new[] { 1 })]
    public void Apply_BiasNotAVectorAsLongAsTheLastDimension_ThrowsNamingTheOpAndBothShapes(int[] xShape, int[] biasShape)
    {
        Assert.That(() => BiasActivationOp.Apply(Tensor.Zeros(xShape), Tensor.Zeros(biasShape), FusibleActivation.Tanh),
            Throws.ArgumentException.With.Message.Contains("bias_add_tanh: ").And.Message.Contains("the bias must be a vector as long as the last dimension of x"));
    }

    [Test]
    public void Apply_OnATape_RecordsOneOpNamedAfterTheActivation()
    {
        var x = Tensor.Zeros([2, 3]);
        using var tape = new GradientTape();
        tape.Watch(x);

        BiasActivationOp.Apply(x, Tensor.Zeros([3]), FusibleActivation.Sigmoid);

        Assert.That(tape.Operations.Select(op => op.Name), Is.EqualTo(new[] { "bias_add_sigmoid" }));
    }
}
