using MiniNet.Autodiff;
using MiniNet.Kernels;
using MiniNet.Ops;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

/// <summary>The fused convolution + bias + ReLU against its reference, <see cref="Conv2DOp"/> then <see cref="BiasActivationOp"/>.</summary>
public class Conv2DBiasReluOpTests
{
    private static readonly object[] Shapes =
    [
        new object[] { 64, 13, 13, 32, 3, 3, 64, 1, 1, Padding.Valid },   // conv2 of the MNIST convnet
        new object[] { 16, 28, 28, 1, 3, 3, 32, 1, 1, Padding.Valid },    // conv1
        new object[] { 7, 15, 14, 16, 3, 4, 8, 2, 2, Padding.Same },
        new object[] { 3, 5, 6, 2, 2, 2, 5, 1, 1, Padding.Same },
    ];

    private sealed record Result(float[] Output, float[] InputGradient, float[] KernelGradient, float[] BiasGradient);

    // y, then the gradients of Σ y ⊙ r with respect to x, the kernel and the bias.
    private static Result Run(bool fused, Tensor x, Tensor k, Tensor b, Tensor r, int sh, int sw, Padding padding)
    {
        using var tape = new GradientTape();
        tape.Watch(x);
        tape.Watch(k);
        tape.Watch(b);
        var y = fused ? Conv2DBiasReluOp.Apply(x, k, b, sh, sw, padding)
            : BiasActivationOp.Apply(Conv2DOp.Apply(x, k, sh, sw, padding), b, FusibleActivation.Relu);
        var gradients = tape.Gradient((y * r).Sum(), [x, k, b]);
        return new Result(y.ToArray<float>(), gradients[0]!.ToArray<float>(), gradients[1]!.ToArray<float>(), gradients[2]!.ToArray<float>());
    }

    /// <summary>The fused op does the same arithmetic in the same order as the two ops, so float32 results are the same bits,
    /// on one thread and on two.</summary>
    [TestCaseSource(nameof(Shapes))]
    public void Fused_IsBitIdenticalToConvThenBiasRelu_OnOneAndTwoThreads(int n, int h, int w, int cin, int kh, int kw, int cout, int sh, int sw, Padding padding)
    {
        var x = Uniform(1, -1, 1, n, h, w, cin).To(DType.Float32);
        var k = Uniform(2, -1, 1, kh, kw, cin, cout).To(DType.Float32);
        var b = Uniform(3, -0.5, 0.5, cout).To(DType.Float32);
        var r = Uniform(4, -1, 1, Conv2DOp.OutputShape(x.ShapeArray, k.ShapeArray, sh, sw, padding)).To(DType.Float32);

        var reference = EngineThreads.Run(1, () => Run(fused: false, x, k, b, r, sh, sw, padding));
        foreach (int threads in new[] { 1, 2 })
        {
            var fused = EngineThreads.Run(threads, () => Run(fused: true, x, k, b, r, sh, sw, padding));
            Assert.That(fused.Output.Count(v => v == 0), Is.GreaterThan(0).And.LessThan(fused.Output.Length), "some units inactive, some active");
            Assert.That(fused.Output, Is.EqualTo(reference.Output).AsCollection, $"output on {threads} thread(s)");
            Assert.That(fused.InputGradient, Is.EqualTo(reference.InputGradient).AsCollection, $"input gradient on {threads} thread(s)");
            Assert.That(fused.KernelGradient, Is.EqualTo(reference.KernelGradient).AsCollection, $"kernel gradient on {threads} thread(s)");
            Assert.That(fused.BiasGradient, Is.EqualTo(reference.BiasGradient).AsCollection, $"bias gradient on {threads} thread(s)");
        }
    }

    [TestCase(1, 6, 5, 2, 3, 3, 4, 1, 1, Padding.Valid)]
    [TestCase(2, 5, 6, 3, 2, 3, 3, 2, 1, Padding.Same)]
    public void Gradients_MatchFiniteDifferences_InFloat64(int n, int h, int w, int cin, int kh, int kw, int cout, int sh, int sw, Padding padding)
    {
        var x = Uniform(5, -1, 1, n, h, w, cin);
        var k = Uniform(6, -1, 1, kh, kw, cin, cout);
        var b = Uniform(7, -0.3, 0.3, cout);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => Conv2DBiasReluOp.Apply(inputs[0], inputs[1], inputs[2], sh, sw, padding), x, k, b);
    }

    /// <summary>Ten momentum-SGD steps on the convnet's first layer, from the same weights, fused and unfused: the weights
    /// agree to 1e-6 after every step (they are in fact the same bits).</summary>
    [Test]
    public void TenTrainingSteps_FusedAndUnfused_KeepTheSameWeights()
    {
        var x = Uniform(8, 0, 1, 16, 28, 28, 1).To(DType.Float32);
        var r = Uniform(9, -1, 1, 16, 26, 26, 32).To(DType.Float32);
        Variable Weights(int seed, double scale, params int[] shape) => new(Uniform(seed, -scale, scale, shape).To(DType.Float32), "w");
        var (fusedKernel, fusedBias) = (Weights(10, 0.5, 3, 3, 1, 32), Weights(11, 0.1, 32));
        var (kernel, bias) = (Weights(10, 0.5, 3, 3, 1, 32), Weights(11, 0.1, 32));
        var (fusedSgd, sgd) = (new Sgd(0.01, 0.9), new Sgd(0.01, 0.9));

        for (int step = 1; step <= 10; step++)
        {
            Step(fusedSgd, fusedKernel, fusedBias, () => Conv2DBiasReluOp.Apply(x, fusedKernel, fusedBias, 1, 1, Padding.Valid));
            Step(sgd, kernel, bias, () => BiasActivationOp.Apply(Conv2DOp.Apply(x, kernel, 1, 1, Padding.Valid), bias, FusibleActivation.Relu));
            Assert.That(fusedKernel.ToArray<float>(), Is.EqualTo(kernel.ToArray<float>()).Within(1e-6).AsCollection, $"kernel after step {step}");
            Assert.That(fusedBias.ToArray<float>(), Is.EqualTo(bias.ToArray<float>()).Within(1e-6).AsCollection, $"bias after step {step}");
        }
        Assert.That(fusedKernel.ToArray<float>(), Is.Not.EqualTo(Weights(10, 0.5, 3, 3, 1, 32).ToArray<float>()), "the steps moved the weights");

        void Step(Optimizer optimizer, Variable k, Variable b, Func<Tensor> layer)
        {
            using var scope = new TensorScope();
            Tensor loss;
            var tape = new GradientTape();
            using (tape) loss = (layer() * r).Mean();
            optimizer.ApplyGradients(tape.Gradient(loss, [k, b]).Zip([k, b]));
        }
    }

    /// <summary>After warm-up, forward and backward of conv2 of the MNIST convnet (batch 64) allocate almost nothing.</summary>
    [Test]
    public void ForwardAndBackwardAfterWarmUp_AllocateUnder16KiB()
    {
        var x = Uniform(12, -1, 1, 64, 13, 13, 32).To(DType.Float32);
        var k = new Variable(Uniform(13, -1, 1, 3, 3, 32, 64).To(DType.Float32), "kernel");
        var b = new Variable(Uniform(14, -1, 1, 64).To(DType.Float32), "bias");
        void Step()
        {
            using var scope = new TensorScope();
            using var tape = new GradientTape();
            tape.Watch(x);
            var loss = Conv2DBiasReluOp.Apply(x, k, b, 1, 1, Padding.Valid).Sum();
            tape.Gradient(loss, [x, k, b]);
        }
        // Enough warm-up for tiered compilation to have replaced every method the step runs: run alone, the background
        // recompilation after five steps showed as 80 KB a step.
        for (int i = 0; i < 60; i++) Step();

        const int steps = 10;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < steps; i++) Step();
        long perStep = (GC.GetTotalAllocatedBytes(precise: true) - before) / steps;

        Assert.That(perStep, Is.LessThan(16 * 1024));
    }

    [Test]
    public void BiasNotOnePerFilter_ThrowsNamingTheOpAndShapes()
    {
        var x = new Tensor(new float[2 * 5 * 5 * 3], [2, 5, 5, 3]);
        var k = new Tensor(new float[3 * 3 * 3 * 4], [3, 3, 3, 4]);

        Assert.That(() => Conv2DBiasReluOp.Apply(x, k, new Tensor(new float[3], [3]), 1, 1, Padding.Valid),
            Throws.ArgumentException.With.Message.EqualTo("conv2d_bias_relu: kernel (3,3,3,4) + bias (3): the bias must be a vector of one value per output channel (4)"));
    }
}
