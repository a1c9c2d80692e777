using MiniNet.Autodiff;
using MiniNet.Kernels;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class BiasGeluOpTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void Apply_GradientMatchesFiniteDifferences(bool approximate)
    {
        var x = Uniform(1, -3, 3, 4, 5);
        var bias = Uniform(2, -1, 1, 5);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => BiasGeluOp.Apply(inputs[0], inputs[1], approximate), x, bias);
    }

    /// <summary>The fused op promises the numbers of an add followed by the GELU op, bit for bit, forward and backward, in
    /// float32 (where rounding would show; the exact form is the one-sweep kernel), on rows of 37 (a vector tail in every
    /// row) and of 512 (a GPT's MLP), on one thread and on two.</summary>
    [TestCase(false, 37, 1)]
    [TestCase(false, 37, 2)]
    [TestCase(false, 512, 2)]
    [TestCase(true, 37, 2)]
    public void Apply_Float32_BitIdenticalToAddThenGelu(bool approximate, int columns, int threads)
    {
        var x = Uniform(3, -4, 4, 96, columns).To(DType.Float32);
        var bias = Uniform(4, -1, 1, columns).To(DType.Float32);
        var upstream = Uniform(5, -1, 1, 96, columns).To(DType.Float32);
        int saved = Engine.Threads;
        try
        {
            Engine.Threads = threads;
            var (fused, fusedDx, fusedDb) = BiasActivationOpTests.ForwardBackward(x, bias, upstream, (a, b) => BiasGeluOp.Apply(a, b, approximate));
            var (unfused, unfusedDx, unfusedDb) = BiasActivationOpTests.ForwardBackward(x, bias, upstream, (a, b) => (a + b).Gelu(approximate));

            Assert.That(fused, Is.EqualTo(unfused).AsCollection);
            Assert.That(fusedDx, Is.EqualTo(unfusedDx).AsCollection);
            Assert.That(fusedDb, Is.EqualTo(unfusedDb).AsCollection);
        }
        finally
        {
            Engine.Threads = saved;
        }
    }

    [Test]
    public void Apply_InputAlsoUsedElsewhere_AddsBothGradientContributions()
    {
        var x = new Tensor([1.0, -2], 1, 2);
        var bias = new Tensor([0.0, 0], 2);
        using var tape = new GradientTape();
        tape.Watch(x);

        var loss = (x * 3).Sum() + BiasGeluOp.Apply(x, bias).Sum();
        var dx = tape.Gradient(loss, [x])[0]!;

        // GELU'(x) = Φ(x) + x·φ(x): Φ(1) = 0.841344746, φ(1) = 0.241970725; Φ(-2) = 0.022750132, φ(-2) = 0.053990967.
        Assert.That(dx.ToArray<double>(), Is.EqualTo(new[] { 3 + 0.841344746 + 0.241970725, 3 + 0.022750132 - 2 * 0.053990967 }).Within(1e-8).AsCollection);
    }

    [Test]
    public void Apply_BiasNotAVectorAsLongAsTheLastDimension_ThrowsNamingTheOpAndBothShapes()
    {
        Assert.That(() => BiasGeluOp.Apply(Tensor.Zeros([2, 3]), Tensor.Zeros([2])),
            Throws.ArgumentException.With.Message.Contains("bias_add_gelu: ").And.Message.Contains("the bias must be a vector as long as the last dimension of x"));
    }

    [TestCase("gelu", "bias_add_gelu")]
    [TestCase("gelu_tanh", "bias_add_gelu_tanh")]
    public void DenseWithGelu_OnATape_RecordsTheMatMulAndOneFusedOp(string activation, string fused)
    {
        var model = new Sequential(3, [new Dense(4, Activation.FromName(activation))], seed: 1);
        using var tape = new GradientTape();

        model.Call(Tensor.Zeros([2, 3]));

        Assert.That(tape.Operations.Select(op => op.Name), Is.EqualTo(new[] { "matmul", fused }));
    }
}
