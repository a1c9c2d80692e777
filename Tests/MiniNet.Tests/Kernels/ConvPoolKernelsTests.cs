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
