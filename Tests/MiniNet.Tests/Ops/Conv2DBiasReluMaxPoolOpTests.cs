using MiniNet.Autodiff;
using MiniNet.Kernels;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

/// <summary>The convolution with bias and ReLU and its max pooling in one op, against its reference,
/// <see cref="Conv2DBiasReluOp"/> then <see cref="MaxPooling2DOp"/>; and the model that chooses it.</summary>
public class Conv2DBiasReluMaxPoolOpTests
{
    private static readonly object[] Shapes =
    [
        new object[] { 16, 28, 28, 1, 32, Padding.Valid, 2, -2.0 },   // conv1 of the MNIST convnet (the direct convolution)
        new object[] { 21, 13, 13, 32, 64, Padding.Valid, 2, -2.0 },  // conv2 (Winograd), 11×11 pooled to 5×5: a row and a column left out
        new object[] { 3, 9, 10, 8, 16, Padding.Same, 3, -2.0 },      // windows of 3, a partial last one left out
        new object[] { 9, 6, 6, 16, 8, Padding.Valid, 4, -12.0 },     // one window over the whole output
    ];

    private sealed record Result(float[] Output, float[]? InputGradient, float[] KernelGradient, float[] BiasGradient);

    // p, then the gradients of Σ p ⊙ r with respect to x (null when x is not watched: a first layer), the kernel and the bias.
    private static Result Run(bool fused, Tensor x, Tensor k, Tensor b, Tensor r, Padding padding, int poolSize, bool watchInput = true)
    {
        using var tape = new GradientTape();
        if (watchInput) tape.Watch(x);
        tape.Watch(k);
        tape.Watch(b);
        var p = fused ? Conv2DBiasReluMaxPoolOp.TryApply(x, k, b, 1, padding, poolSize)!
            : MaxPooling2DOp.Apply(Conv2DBiasReluOp.Apply(x, k, b, 1, 1, padding), poolSize);
        var gradients = tape.Gradient((p * r).Sum(), [x, k, b]);
        return new Result(p.ToArray<float>(), gradients[0]?.ToArray<float>(), gradients[1]!.ToArray<float>(), gradients[2]!.ToArray<float>());
    }

    /// <summary>A float32 layer from seeds <paramref name="seed"/>, + 1 and + 2: input (n, h, w, cin) and 3×3 kernel in
    /// [-1, 1), bias in [<paramref name="lowestBias"/>, 0.5) (a low bias leaves some windows all ReLU zeros).</summary>
    private static (Tensor X, Tensor K, Tensor B) Layer(int seed, int n, int h, int w, int cin, int cout, double lowestBias) =>
        (Uniform(seed, -1, 1, n, h, w, cin).To(DType.Float32), Uniform(seed + 1, -1, 1, 3, 3, cin, cout).To(DType.Float32),
            Uniform(seed + 2, lowestBias, 0.5, cout).To(DType.Float32));

    /// <summary>The fused op does the same arithmetic in the same order as the two ops, so float32 results are the same bits,
    /// on one, two and three threads; windows with ties, positive and non-positive maxima included (ReLU's zeros).</summary>
    [TestCaseSource(nameof(Shapes))]
    public void Fused_IsBitIdenticalToConvBiasReluThenMaxPool(int n, int h, int w, int cin, int cout, Padding padding, int poolSize, double lowestBias)
    {
        var (x, k, b) = Layer(1, n, h, w, cin, cout, lowestBias);
        var conv = Conv2DOp.OutputShape(x.ShapeArray, k.ShapeArray, 1, 1, padding);
        var r = Uniform(4, -1, 1, n, conv[1] / poolSize, conv[2] / poolSize, cout).To(DType.Float32);
        if (Conv2DBiasReluMaxPoolOp.TryApply(x, k, b, 1, padding, poolSize) == null)
            Assert.Ignore("this machine's kernels compute the convolution with neither the direct nor the Winograd path");

        var reference = EngineThreads.Run(1, () => Run(fused: false, x, k, b, r, padding, poolSize));
        Assert.That(reference.Output.Count(v => v == 0), Is.GreaterThan(0).And.LessThan(reference.Output.Length), "some windows all ReLU zeros, some not");
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var fused = EngineThreads.Run(threads, () => Run(fused: true, x, k, b, r, padding, poolSize));
            Assert.That(fused.Output, Is.EqualTo(reference.Output).AsCollection, $"output on {threads} thread(s)");
            Assert.That(fused.InputGradient, Is.EqualTo(reference.InputGradient).AsCollection, $"input gradient on {threads} thread(s)");
            Assert.That(fused.KernelGradient, Is.EqualTo(reference.KernelGradient).AsCollection, $"kernel gradient on {threads} thread(s)");
            Assert.That(fused.BiasGradient, Is.EqualTo(reference.BiasGradient).AsCollection, $"bias gradient on {threads} thread(s)");
        }
    }

    private static readonly object[] FirstLayerShapes =
    [
        new object[] { 16, 28, 28, 1, 32, Padding.Valid, 2, -2.0 },  // conv1 of the MNIST convnet, on one to three threads
        new object[] { 3, 9, 10, 3, 16, Padding.Same, 3, -2.0 },     // an RGB layer, windows of 3, the last column left out
        new object[] { 5, 11, 12, 2, 48, Padding.Valid, 2, -2.0 },   // 48 channels (dB's vectors not a multiple of four), a row left out
    ];

    /// <summary>A first layer (its input wants no gradient) never has dZ whole: its rows are built a chunk at a time where the
    /// kernel gradient reads them, and dB is summed from the windows. The same bits as the two ops (compared as bits, so a
    /// zero's sign counts), on one, two and three threads; no input gradient is computed.</summary>
    [TestCaseSource(nameof(FirstLayerShapes))]
    public void FirstLayer_BuildsDzPerChunk_BitIdenticalToConvBiasReluThenMaxPool(int n, int h, int w, int cin, int cout, Padding padding, int poolSize, double lowestBias)
    {
        var (x, k, b) = Layer(11, n, h, w, cin, cout, lowestBias);
        var conv = Conv2DOp.Geometry(x.ShapeArray, k.ShapeArray, 1, 1, padding);
        var pool = new PoolingGeometry(n, conv.OutHeight, conv.OutWidth, cout, poolSize, poolSize, poolSize, poolSize, 0, 0,
            conv.OutHeight / poolSize, conv.OutWidth / poolSize);
        if (!ConvPoolKernels.BuildsKernelGradientFromWindows<float>(conv, pool))
            Assert.Ignore("this machine's kernels do not compute the convolution directly (no AVX-512)");
        var r = Uniform(14, -1, 1, n, pool.OutputHeight, pool.OutputWidth, cout).To(DType.Float32);

        (int[] Kernel, int[] Bias) Gradients(bool fused)
        {
            var result = Run(fused, x, k, b, r, padding, poolSize, watchInput: false);
            Assert.That(result.InputGradient, Is.Null, "the input wants no gradient");
            return (Bits(result.KernelGradient), Bits(result.BiasGradient));
        }

        var reference = EngineThreads.Run(1, () => Gradients(fused: false));
        Assert.That(reference.Bias.Count(bits => bits != 0), Is.GreaterThan(0), "some channels' windows get gradient");
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var fused = EngineThreads.Run(threads, () => Gradients(fused: true));
            Assert.That(fused.Kernel, Is.EqualTo(reference.Kernel).AsCollection, $"kernel gradient on {threads} thread(s)");
            Assert.That(fused.Bias, Is.EqualTo(reference.Bias).AsCollection, $"bias gradient on {threads} thread(s)");
        }
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];

    /// <summary>The gradients against finite differences: a layer on 8 channels, and a first layer (3×3 on three channels,
    /// which the direct convolution takes in float64) whose input is not watched, so only the kernel's and bias's are wanted.</summary>
    [TestCase(Padding.Valid, 2, 8, true)]
    [TestCase(Padding.Same, 3, 8, true)]
    [TestCase(Padding.Valid, 2, 3, false)]
    [TestCase(Padding.Same, 3, 3, false)]
    public void Gradients_MatchFiniteDifferences_InFloat64(Padding padding, int poolSize, int inChannels, bool inputWatched)
    {
        var x = Uniform(5, -1, 1, 2, 7, 6, inChannels);
        var k = Uniform(6, -1, 1, 3, 3, inChannels, 8);
        var b = Uniform(7, -0.3, 0.3, 8);
        Assert.That(Conv2DBiasReluMaxPoolOp.TryApply(x, k, b, 1, padding, poolSize), Is.Not.Null, "the fused op takes this float64 layer");

        if (inputWatched)
            GradientChecking.AssertMatchesFiniteDifferences(inputs => Conv2DBiasReluMaxPoolOp.TryApply(inputs[0], inputs[1], inputs[2], 1, padding, poolSize)!, x, k, b);
        else
            GradientChecking.AssertMatchesFiniteDifferences(inputs => Conv2DBiasReluMaxPoolOp.TryApply(x, inputs[0], inputs[1], 1, padding, poolSize)!, k, b);
    }

    [Test]
    public void TryApply_LeavesToTheTwoOpsWhatItsKernelsDoNotCompute()
    {
        var x = Tensor.Zeros([2, 13, 13, 32]);
        var b = Tensor.Zeros([64]);

        Assert.That(Conv2DBiasReluMaxPoolOp.TryApply(x, Tensor.Zeros([5, 5, 32, 64]), b, 1, Padding.Valid, 2), Is.Null, "a 5×5 window (im2col)");
        Assert.That(Conv2DBiasReluMaxPoolOp.TryApply(x, Tensor.Zeros([3, 3, 32, 64]), b, 2, Padding.Valid, 2), Is.Null, "stride 2");
        Assert.That(Conv2DBiasReluMaxPoolOp.TryApply(x, Tensor.Zeros([3, 3, 32, 64]), Tensor.Zeros([32]), 1, Padding.Valid, 2), Is.Null, "a bias of the wrong length");
        Assert.That(Conv2DBiasReluMaxPoolOp.TryApply(x, Tensor.Zeros([3, 3, 32, 64]), b, 1, Padding.Valid, 12), Is.Null, "a window larger than the output");
    }

    /// <summary>A model runs a Conv2D with ReLU and the MaxPooling2D after it as the fused op, and gives the bits of the
    /// layers called one after the other: output and every gradient. A pooling with overlapping windows is left alone.</summary>
    [Test]
    public void Sequential_FusesConvAndPooling_WithTheSameNumbersAsLayerByLayer()
    {
        var model = new Sequential([28, 28, 1],
        [
            new Conv2D(32, 3, Activation.Relu), new MaxPooling2D(), new Conv2D(64, 3, Activation.Relu), new MaxPooling2D(3, strides: 2),
            new Flatten(), new Dense(10),
        ], seed: 2);
        var x = Uniform(8, 0, 1, 4, 28, 28, 1).To(DType.Float32);

        var tape = new GradientTape();
        Tensor modelOutput, modelSum;
        using (tape) modelSum = (modelOutput = model.Call(x)).Sum();
        string[] ops = [.. tape.Operations.Select(op => op.Name)];
        var modelGradients = tape.Gradient(modelSum, model.TrainableVariables);
        var layerTape = new GradientTape();
        Tensor layerOutput, layerSum;
        using (layerTape)
        {
            layerOutput = x;
            foreach (var layer in model.Layers) layerOutput = layer.Call(layerOutput, training: true);
            layerSum = layerOutput.Sum();
        }
        var layerGradients = layerTape.Gradient(layerSum, model.TrainableVariables);

        if (ConvDirectKernels.Fits<float>(new ConvGeometry(4, 28, 28, 1, 3, 3, 32, 1, 1, 0, 0, 26, 26)))
            Assert.That(ops, Does.Contain("conv2d_bias_relu_max_pool2d"), string.Join(", ", ops));
        Assert.That(ops, Does.Contain("max_pool2d"), "the 3×3 windows at stride 2 overlap: the two ops");
        Assert.That(modelOutput.ToArray<float>(), Is.EqualTo(layerOutput.ToArray<float>()).AsCollection);
        for (int i = 0; i < modelGradients.Length; i++)
            Assert.That(modelGradients[i]!.ToArray<float>(), Is.EqualTo(layerGradients[i]!.ToArray<float>()).AsCollection, model.TrainableVariables[i].Name);
    }
}
