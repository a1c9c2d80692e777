using MiniNet.Kernels;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Ops;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Kernels;

/// <summary>Winograd's F(2×2, 3×3) convolution: which layers take it, its three passes against the direct product (im2col and
/// the GEMM) on padded, unpadded, odd and even shapes, its bits on any number of threads, its float64 gradients, and ten
/// training steps of the MNIST convnet against the direct product.</summary>
public class ConvWinogradKernelsTests
{
    private static readonly ConvGeometry Conv2 = new(64, 13, 13, 32, 3, 3, 64, 1, 1, 0, 0, 11, 11);

    [SetUp]
    public void NeedsVectors()
    {
        if (!System.Numerics.Vector.IsHardwareAccelerated) Assert.Ignore("the Winograd convolution runs only with SIMD vectors");
    }

    [TearDown]
    public void Restore()
    {
        Engine.Winograd = true;
        Engine.Threads = Environment.ProcessorCount;
    }

    [Test]
    public void Fits_The3x3StrideOneLayersWithEnoughChannels()
    {
        var conv1 = new ConvGeometry(64, 28, 28, 1, 3, 3, 32, 1, 1, 0, 0, 26, 26);

        Assert.That(ConvWinogradKernels.Fits<float>(Conv2), Is.True, "the MNIST convnet's second layer");
        Assert.That(ConvWinogradKernels.Fits<double>(Conv2), Is.True);
        Assert.That(ConvWinogradKernels.Fits<float>(conv1), Is.False, "one input channel");
        Assert.That(ConvWinogradKernels.Fits<float>(Conv2 with { StrideHeight = 2, OutHeight = 6 }), Is.False, "stride 2");
        Assert.That(ConvWinogradKernels.Fits<float>(Conv2 with { KernelHeight = 5, KernelWidth = 5, OutHeight = 9, OutWidth = 9 }), Is.False, "5×5");
        Assert.That(ConvWinogradKernels.Fits<float>(Conv2 with { OutChannels = 4 }), Is.False, "four output channels");
        Assert.That(ConvWinogradKernels.Fits<float>(Conv2 with { InChannels = 33 }), Is.False, "channels in no whole number of vectors");
        Engine.Winograd = false;
        Assert.That(ConvWinogradKernels.Fits<float>(Conv2), Is.False, "switched off");
    }

    /// <summary>docs/convolution.md's example: the 4×4 image 1…16 and the 3×3 kernel 1…9 (on channel 0 of 8 in and out, the
    /// others zero, so that the layer takes the Winograd path) give | 348 393 ; 528 573 | on both paths.</summary>
    [Test]
    public void TheDocsExample_SameNumbersOnBothPaths()
    {
        var g = new ConvGeometry(1, 4, 4, 8, 3, 3, 8, 1, 1, 0, 0, 2, 2);
        Assert.That(ConvWinogradKernels.Fits<float>(g), Is.True);
        var x = new float[g.InputLength];
        var kernel = new float[g.KernelLength];
        for (int i = 0; i < 16; i++) x[i * 8] = i + 1;
        for (int i = 0; i < 9; i++) kernel[i * 8 * 8] = i + 1;
        foreach (bool winograd in new[] { true, false })
        {
            Engine.Winograd = winograd;
            var y = new float[g.OutputLength];
            ConvKernels.Forward<float>(x, kernel, y, g);
            Assert.That(new[] { y[0], y[8], y[16], y[24] }, Is.EqualTo(new float[] { 348, 393, 528, 573 }).AsCollection, winograd ? "Winograd" : "direct");
        }
    }

    /// <summary>Forward with bias and ReLU, the input gradient and the kernel gradient, written and accumulated, agree with
    /// the direct product's to float32 rounding: conv2 itself, 'same' padding, odd and even output sizes (tiles that
    /// overhang the output), a ragged last block of images, a 1×1 output, and an image of more tiles than a block aims at.</summary>
    [TestCase(64, 13, 13, 32, 64, 0)]
    [TestCase(5, 14, 14, 16, 24, 1)]
    [TestCase(3, 7, 10, 8, 16, 1)]
    [TestCase(2, 6, 5, 16, 8, 0)]
    [TestCase(1, 3, 3, 8, 8, 0)]
    [TestCase(2, 20, 22, 8, 32, 1)]
    public void ThreePasses_AgreeWithTheDirectProduct(int n, int h, int w, int cin, int cout, int pad)
    {
        var g = new ConvGeometry(n, h, w, cin, 3, 3, cout, 1, 1, pad, pad, h + 2 * pad - 2, w + 2 * pad - 2);
        Assert.That(ConvWinogradKernels.Fits<float>(g), Is.True);
        var random = new Random(5);
        float[] Values(int length) => [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        float[] x = Values(g.InputLength), kernel = Values(g.KernelLength), bias = Values(cout), dy = Values(g.OutputLength);
        float[] dxStart = Values(g.InputLength), dwStart = Values(g.KernelLength);

        var direct = Passes(g, x, kernel, bias, dy, dxStart, dwStart, winograd: false);
        var winograd = Passes(g, x, kernel, bias, dy, dxStart, dwStart, winograd: true);

        for (int i = 0; i < direct.Length; i++)
            Assert.That(MaximumRelativeError(winograd[i], direct[i]), Is.LessThan(2e-6), PassNames[i]);
        Assert.That(winograd[0].Count(v => v == 0), Is.GreaterThan(0).And.LessThan(g.OutputLength), "the ReLU cut some outputs");
    }

    /// <summary>Every value of every pass is computed by the same operations in the same order on 1, 2 or 3 threads.</summary>
    [Test]
    public void ThreePasses_SameBitsOnAnyNumberOfThreads()
    {
        var g = Conv2 with { Batch = 21 };
        var random = new Random(6);
        float[] Values(int length) => [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        float[] x = Values(g.InputLength), kernel = Values(g.KernelLength), bias = Values(64), dy = Values(g.OutputLength);
        float[] dxStart = Values(g.InputLength), dwStart = Values(g.KernelLength);

        Engine.Threads = 1;
        var one = Passes(g, x, kernel, bias, dy, dxStart, dwStart, winograd: true);
        foreach (int threads in new[] { 2, 3 })
        {
            Engine.Threads = threads;
            var many = Passes(g, x, kernel, bias, dy, dxStart, dwStart, winograd: true);
            for (int i = 0; i < one.Length; i++)
                Assert.That(many[i], Is.EqualTo(one[i]).AsCollection, $"{PassNames[i]} on {threads} threads");
        }
    }

    /// <summary>The two gradients from one pass (what a layer's backward asks for, sharing the transformed dY) are the bits
    /// of each computed alone, written and accumulated.</summary>
    [TestCase(false)]
    [TestCase(true)]
    public void BothGradientsInOnePass_SameBitsAsEachAlone(bool accumulate)
    {
        var g = Conv2 with { Batch = 9, PadTop = 1, PadLeft = 1, OutHeight = 13, OutWidth = 13 };
        var random = new Random(8);
        float[] Values(int length) => [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        float[] x = Values(g.InputLength), kernel = Values(g.KernelLength), dy = Values(g.OutputLength);
        float[] dxStart = Values(g.InputLength), dwStart = Values(g.KernelLength);
        float[] dxAlone = (float[])dxStart.Clone(), dwAlone = (float[])dwStart.Clone(), dx = (float[])dxStart.Clone(), dw = (float[])dwStart.Clone();

        ConvKernels.InputGradient<float>(dy, kernel, dxAlone, g, accumulate);
        ConvKernels.KernelGradient<float>(x, dy, dwAlone, g, accumulate);
        ConvKernels.Gradients<float>(x, kernel, dy, dx, dw, g, accumulate, accumulate);

        Assert.That(dx, Is.EqualTo(dxAlone).AsCollection, "input gradient");
        Assert.That(dw, Is.EqualTo(dwAlone).AsCollection, "kernel gradient");
    }

    [TestCase(Padding.Valid)]
    [TestCase(Padding.Same)]
    public void Gradients_MatchFiniteDifferences_InFloat64(Padding padding)
    {
        var x = Uniform(5, -1, 1, 2, 5, 6, 8);
        var k = Uniform(6, -1, 1, 3, 3, 8, 8);
        var b = Uniform(7, -0.3, 0.3, 8);
        var geometry = Conv2DOp.Geometry(x.ShapeArray, k.ShapeArray, 1, 1, padding);
        Assert.That(ConvWinogradKernels.Fits<double>(geometry), Is.True, "the check goes through the Winograd path");

        GradientChecking.AssertMatchesFiniteDifferences(inputs => Conv2DBiasReluOp.Apply(inputs[0], inputs[1], inputs[2], 1, 1, padding), x, k, b);
        GradientChecking.AssertMatchesFiniteDifferences(inputs => Conv2DOp.Apply(inputs[0], inputs[1], 1, 1, padding), x, k);
    }

    /// <summary>Ten momentum-SGD steps of the MNIST convnet (Keras's simple convnet, dropout included) from the same weights
    /// on the same batches: with Winograd's conv2 and with the direct product, the losses and every weight agree to 1e-4.</summary>
    [Test]
    public void TenTrainingStepsOfTheConvnet_AgreeWithTheDirectProductTo1e4()
    {
        var (lossesWinograd, weightsWinograd) = TrainTenSteps(winograd: true);
        var (lossesDirect, weightsDirect) = TrainTenSteps(winograd: false);

        TestContext.Out.WriteLine($"largest relative loss difference over ten steps: {lossesDirect.Select((l, i) => Math.Abs(lossesWinograd[i] - l) / Math.Abs(l)).Max():E2}");
        for (int i = 0; i < lossesDirect.Length; i++)
            Assert.That(Math.Abs(lossesWinograd[i] - lossesDirect[i]), Is.LessThanOrEqualTo(1e-4 * Math.Abs(lossesDirect[i])), $"loss of step {i + 1}");
        for (int v = 0; v < weightsDirect.Length; v++)
            Assert.That(MaximumRelativeError(weightsWinograd[v], weightsDirect[v]), Is.LessThan(1e-4), $"variable {v}");
        Assert.That(lossesWinograd, Is.Not.EqualTo(lossesDirect).AsCollection, "the two paths round differently, so both really ran");
    }

    /// <summary>The same ten steps in float64, from the float32 model's initial weights and on the same batches, as the
    /// exact reference: Winograd's float32 losses are as close to it as the direct product's (both within 1e-6 relative),
    /// so Winograd keeps the convnet's steps as close to any other float32 implementation's (libtorch's) as before.</summary>
    [Test]
    public void TenTrainingStepsOfTheConvnet_AsCloseToFloat64AsTheDirectProduct()
    {
        var (lossesWinograd, _) = TrainTenSteps(winograd: true);
        var (lossesDirect, _) = TrainTenSteps(winograd: false);
        var (lossesExact, _) = TrainTenSteps(winograd: false, DType.Float64);

        double Largest(double[] losses) => losses.Select((l, i) => Math.Abs(l - lossesExact[i]) / Math.Abs(lossesExact[i])).Max();
        TestContext.Out.WriteLine($"largest relative loss difference from float64 over ten steps: Winograd {Largest(lossesWinograd):E2}, direct {Largest(lossesDirect):E2}");
        Assert.That(Largest(lossesWinograd), Is.LessThan(1e-6));
        Assert.That(Largest(lossesDirect), Is.LessThan(1e-6));
        Assert.That(lossesExact, Is.Not.EqualTo(lossesDirect).AsCollection, "float64 really ran");
    }

    private static (double[] Losses, float[][] Weights) TrainTenSteps(bool winograd, DType dtype = DType.Float32)
    {
        Engine.Winograd = winograd;
        Sequential Convnet(DType type) => new([28, 28, 1],
        [
            new Conv2D(32, 3, Activation.Relu), new MaxPooling2D(), new Conv2D(64, 3, Activation.Relu), new MaxPooling2D(),
            new Flatten(), new Dropout(0.5), new Dense(10),
        ], seed: 3, dtype: type);
        var model = Convnet(dtype);
        if (dtype == DType.Float64)
            foreach (var (exact, start) in model.TrainableVariables.Zip(Convnet(DType.Float32).TrainableVariables))
                exact.Assign(start.To(DType.Float64));
        var random = new Random(4);
        var optimizer = new Sgd(0.05, 0.9);
        var crossEntropy = new SparseCategoricalCrossEntropy();
        var losses = new double[10];
        for (int step = 0; step < losses.Length; step++)
        {
            var x = new Tensor([.. Enumerable.Range(0, 16 * 784).Select(_ => (float)random.NextDouble())], 16, 28, 28, 1).To(dtype);
            var y = new ClassLabels([.. Enumerable.Range(0, 16).Select(_ => random.Next(10))], 10);
            var tape = new MiniNet.Autodiff.GradientTape();
            Tensor loss;
            using (tape) loss = crossEntropy.Call(y, model.Call(x));
            optimizer.ApplyGradients(tape.Gradient(loss, model.TrainableVariables).Zip(model.TrainableVariables));
            losses[step] = loss.Item();
        }
        return (losses, [.. model.TrainableVariables.Select(v => v.To(DType.Float32).ToArray<float>())]);
    }

    private static readonly string[] PassNames = ["forward", "input gradient", "input gradient accumulated", "kernel gradient", "kernel gradient accumulated"];

    /// <summary>The five results of <paramref name="g"/>'s passes on one path: y = max(conv + b, 0), dX written, dX added to
    /// <paramref name="dxStart"/>, dW written, dW added to <paramref name="dwStart"/>.</summary>
    private static float[][] Passes(in ConvGeometry g, float[] x, float[] kernel, float[] bias, float[] dy, float[] dxStart, float[] dwStart, bool winograd)
    {
        Engine.Winograd = winograd;
        var y = new float[g.OutputLength];
        ConvKernels.ForwardBiasRelu<float>(x, kernel, bias, y, g);
        var dx = new float[g.InputLength];
        ConvKernels.InputGradient<float>(dy, kernel, dx, g);
        var dxAdded = (float[])dxStart.Clone();
        ConvKernels.InputGradient<float>(dy, kernel, dxAdded, g, accumulate: true);
        var dw = new float[g.KernelLength];
        ConvKernels.KernelGradient<float>(x, dy, dw, g);
        var dwAdded = (float[])dwStart.Clone();
        ConvKernels.KernelGradient<float>(x, dy, dwAdded, g, accumulate: true);
        return [y, dx, dxAdded, dw, dwAdded];
    }

    /// <summary>The largest |a - b| over the largest |b|.</summary>
    private static double MaximumRelativeError(float[] a, float[] b)
    {
        double largest = 0, scale = 0;
        for (int i = 0; i < a.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs((double)a[i] - b[i]));
            scale = Math.Max(scale, Math.Abs((double)b[i]));
        }
        return largest / scale;
    }
}
