using MiniNet.Kernels;

namespace MiniNet.Tests.Kernels;

/// <summary>The first layer's backward pass with dZ never whole (<see cref="ConvPoolKernels.BiasAndKernelGradients{T}"/>)
/// against the two kernels it replaces, dZ written whole and then the kernel gradient; its results inside a model, on one to
/// three threads and in float64, are checked in Conv2DBiasReluMaxPoolOpTests.</summary>
public class ConvPoolKernelsTests
{
    private static readonly ConvGeometry Conv1 = new(8, 28, 28, 1, 3, 3, 32, 1, 1, 0, 0, 26, 26);
    private static readonly PoolingGeometry Pool1 = new(8, 26, 26, 32, 2, 2, 2, 2, 0, 0, 13, 13);

    [SetUp]
    public void NeedsAvx512()
    {
        if (!Avx512MicroKernel.IsSupported) Assert.Ignore("the direct convolution runs only where the processor has AVX-512");
    }

    /// <summary>Layers whose 2×2 pooling the direct convolution does in registers: conv1; same padding (windows at the edges
    /// one at a time); an odd output (its last row and column left out); fewer windows in a row than a block; stride 2.</summary>
    private static readonly object[] PooledInRegisters =
    [
        new object[] { new ConvGeometry(9, 28, 28, 1, 3, 3, 32, 1, 1, 0, 0, 26, 26) },
        new object[] { new ConvGeometry(3, 12, 21, 3, 3, 3, 16, 1, 1, 1, 1, 12, 21) },
        new object[] { new ConvGeometry(4, 7, 9, 2, 3, 3, 32, 1, 1, 0, 0, 5, 7) },
        new object[] { new ConvGeometry(2, 13, 30, 1, 3, 3, 16, 2, 2, 1, 1, 7, 15) },
    ];

    /// <summary>The forward pass pooled in registers gives the bits of the convolution with bias and ReLU written out and then
    /// pooled (<see cref="ConvKernels.ForwardBiasRelu{T}"/>, <see cref="PoolingKernels.MaxPool{T}"/>): the pooled values and
    /// the maxima's positions, with ties (ReLU's zeros), NaNs and infinities among the inputs, on one, two and three threads.</summary>
    [TestCaseSource(nameof(PooledInRegisters))]
    public void ForwardBiasReluMaxPool_2x2InRegisters_BitIdenticalToConvolutionThenPooling(ConvGeometry conv)
    {
        var pool = new PoolingGeometry(conv.Batch, conv.OutHeight, conv.OutWidth, conv.OutChannels, 2, 2, 2, 2, 0, 0, conv.OutHeight / 2, conv.OutWidth / 2);
        var random = new Random(5);
        float[] Values(long length, float low) => [.. Enumerable.Range(0, (int)length).Select(_ => low + (1 - low) * random.NextSingle())];
        var (x, kernel, bias) = (Values(conv.InputLength, -1), Values(conv.KernelLength, -1), Values(conv.OutChannels, -6));
        (x[x.Length / 3], x[x.Length / 2], x[^5]) = (float.NaN, float.PositiveInfinity, float.NegativeInfinity);
        int pooledLength = pool.Batch * pool.OutputExampleLength;
        var (convolved, referencePooled, referencePositions) = (new float[conv.OutputLength], new float[pooledLength], new float[pooledLength]);
        ConvKernels.ForwardBiasRelu<float>(x, kernel, bias, convolved, conv);
        PoolingKernels.MaxPool<float>(convolved, referencePooled, referencePositions, pool);
        Assert.That(referencePooled.Count(float.IsNaN), Is.GreaterThan(0), "NaNs reach some windows");
        Assert.That(referencePooled.Count(v => v == 0), Is.GreaterThan(0), "some windows all ReLU zeros");

        foreach (int threads in new[] { 1, 2, 3 })
        {
            var (pooled, positions) = (new float[pooledLength], new float[pooledLength]);
            EngineThreads.Run(threads, () => { ConvPoolKernels.ForwardBiasReluMaxPool<float>(x, kernel, bias, pooled, positions, conv, pool); return 0; });
            Assert.That(pooled.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(referencePooled.Select(BitConverter.SingleToInt32Bits)), $"pooled on {threads} thread(s)");
            Assert.That(positions, Is.EqualTo(referencePositions), $"positions on {threads} thread(s)");
        }
        double[] Doubles(float[] values) => [.. values.Select(v => (double)v)];
        var (pooled64, positions64, convolved64, referencePooled64, referencePositions64) =
            (new double[pooledLength], new double[pooledLength], new double[conv.OutputLength], new double[pooledLength], new double[pooledLength]);
        ConvKernels.ForwardBiasRelu<double>(Doubles(x), Doubles(kernel), Doubles(bias), convolved64, conv);
        PoolingKernels.MaxPool<double>(convolved64, referencePooled64, referencePositions64, pool);
        ConvPoolKernels.ForwardBiasReluMaxPool<double>(Doubles(x), Doubles(kernel), Doubles(bias), pooled64, positions64, conv, pool);
        Assert.That(pooled64.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(referencePooled64.Select(BitConverter.DoubleToInt64Bits)), "float64");
        Assert.That(positions64, Is.EqualTo(referencePositions64), "float64 positions");
    }

    /// <summary>Both gradients are added to what dW and dB hold (a kernel shared by two layers), with the bits of
    /// <see cref="ConvPoolKernels.MaxPoolBiasReluGradient{T}"/> then <see cref="ConvKernels.KernelGradient{T}"/> adding.</summary>
    [Test]
    public void BiasAndKernelGradients_AddToWhatTheGradientsHold_WithTheBitsOfDzWrittenWhole()
    {
        var random = new Random(3);
        float[] Values(long length, float low) => [.. Enumerable.Range(0, (int)length).Select(_ => low + (1 - low) * random.NextSingle())];
        var (x, kernel, bias) = (Values(Conv1.InputLength, -1), Values(Conv1.KernelLength, -1), Values(32, -2));
        int pooledLength = Pool1.Batch * Pool1.OutputExampleLength;
        var (pooled, positions, pooledGradient) = (new float[pooledLength], new float[pooledLength], Values(pooledLength, -1));
        ConvPoolKernels.ForwardBiasReluMaxPool<float>(x, kernel, bias, pooled, positions, Conv1, Pool1);
        var (heldKernel, heldBias) = (Values(Conv1.KernelLength, -1), Values(32, -1));

        var (dw, db) = ((float[])heldKernel.Clone(), (float[])heldBias.Clone());
        ConvPoolKernels.BiasAndKernelGradients<float>(x, pooled, positions, pooledGradient, dw, db, Conv1, Pool1);
        var (referenceDw, referenceDb, dz) = ((float[])heldKernel.Clone(), (float[])heldBias.Clone(), new float[Conv1.OutputLength]);
        ConvPoolKernels.MaxPoolBiasReluGradient<float>(pooled, positions, pooledGradient, dz, referenceDb, Conv1, Pool1);
        ConvKernels.KernelGradient<float>(x, dz, referenceDw, Conv1, accumulate: true);

        Assert.That(dw.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(referenceDw.Select(BitConverter.SingleToInt32Bits)));
        Assert.That(db.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(referenceDb.Select(BitConverter.SingleToInt32Bits)));
        Assert.That(db, Is.Not.EqualTo(heldBias), "the gradient was added");
    }

    [Test]
    public void BiasAndKernelGradients_RefusesALayerSummedByWinograd_AndShortSpans()
    {
        var conv2 = new ConvGeometry(2, 13, 13, 32, 3, 3, 64, 1, 1, 0, 0, 11, 11);
        var pool2 = new PoolingGeometry(2, 11, 11, 64, 2, 2, 2, 2, 0, 0, 5, 5);
        Assume.That(ConvWinogradKernels.Fits<float>(conv2), Is.True, "Winograd is on");
        var winograd = Assert.Throws<ArgumentException>(() => ConvPoolKernels.BiasAndKernelGradients<float>(new float[conv2.InputLength],
            new float[3200], new float[3200], new float[3200], new float[conv2.KernelLength], new float[64], conv2, pool2));
        Assert.That(winograd!.Message, Does.Contain("Winograd"));

        int pooledLength = Pool1.Batch * Pool1.OutputExampleLength;
        var shortGradient = Assert.Throws<ArgumentException>(() => ConvPoolKernels.BiasAndKernelGradients<float>(new float[Conv1.InputLength],
            new float[pooledLength], new float[pooledLength], new float[pooledLength - 1], new float[Conv1.KernelLength], new float[32], Conv1, Pool1));
        Assert.That(shortGradient!.ParamName, Is.EqualTo("pooledGradient"));
        Assert.That(shortGradient.Message, Does.Contain($"{pooledLength - 1} elements").And.Contain($"need {pooledLength}"));
    }
}
