using MiniNet.Kernels;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Tests.Kernels;

/// <summary>The shallow convolution computed pixel by pixel: which layers it takes, and its forward pass's bits against the
/// column matrix and matrix product it replaces. (Its results against a plain convolution, on one and two threads, and its
/// float64 gradients are checked with the other shapes in Conv2DOpTests.)</summary>
public class ConvDirectKernelsTests
{
    private static readonly ConvGeometry Conv1 = new(64, 28, 28, 1, 3, 3, 32, 1, 1, 0, 0, 26, 26);

    [SetUp]
    public void NeedsAvx512()
    {
        if (!Avx512MicroKernel.IsSupported) Assert.Ignore("the direct convolution runs only where the processor has AVX-512");
    }

    [Test]
    public void Fits_TheMnistConvnetsFirstLayer_NotItsSecond()
    {
        var conv2 = new ConvGeometry(64, 13, 13, 32, 3, 3, 64, 1, 1, 0, 0, 11, 11);

        Assert.That(ConvDirectKernels.Fits<float>(Conv1), Is.True);
        Assert.That(ConvDirectKernels.Fits<float>(conv2), Is.False, "a window of 288 values");
        Assert.That(ConvDirectKernels.Fits<float>(Conv1 with { OutChannels = 24 }), Is.False, "24 channels are no whole number of vectors");
        Assert.That(ConvDirectKernels.Fits<float>(Conv1 with { OutChannels = 80 }), Is.False, "five vectors");
    }

    /// <summary>Each output value is summed from zero in window order with one rounding per multiply-add, as the matrix
    /// product's micro-kernel sums it, so conv1 and a padded, strided layer with 1 to 4 vectors of channels give exactly the
    /// bits of im2col, the matrix product, and the bias and ReLU after it.</summary>
    [TestCase(8, 28, 28, 1, 3, 3, 32, 1, 1, 0, 0, 26, 26)]
    [TestCase(3, 20, 21, 3, 3, 3, 48, 2, 2, 1, 1, 10, 11)]
    [TestCase(2, 9, 30, 2, 3, 2, 16, 1, 1, 1, 0, 9, 29)]
    [TestCase(2, 9, 9, 3, 3, 3, 64, 1, 1, 1, 1, 9, 9)]
    public void ForwardBiasRelu_SameBitsAsTheColumnMatrixAndMatrixProduct(int n, int h, int w, int cin, int kh, int kw, int cout,
        int sh, int sw, int top, int left, int ho, int wo)
    {
        var g = new ConvGeometry(n, h, w, cin, kh, kw, cout, sh, sw, top, left, ho, wo);
        var random = new Random(3);
        float[] Values(int length) => [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        float[] x = Values(g.InputLength), kernel = Values(g.KernelLength), bias = Values(cout);

        var direct = new float[g.OutputLength];
        ConvKernels.ForwardBiasRelu<float>(x, kernel, bias, direct, g);

        var columns = new float[g.Rows * g.Depth];
        ConvKernels.Im2Col<float>(x, columns, g, 0, g.Rows);
        var product = new float[g.OutputLength];
        MatMulKernels.MultiplyOnOneThread<float>(columns, kernel, product, g.Rows, g.Depth, cout);
        for (int row = 0; row < g.Rows; row++)
        {
            var values = product.AsSpan(row * cout, cout);
            TensorPrimitives.Add(values, bias, values);
        }
        TensorPrimitives.Max(product, 0f, product);

        Assert.That(direct, Is.EqualTo(product).AsCollection);
    }

    /// <summary>The kernel gradient of a range of rows, written and accumulated, gives exactly the bits of the column matrix
    /// times dY by the matrix product: ranges short enough for one chain, deep enough to be cut in two halves (280, 1592
    /// rows), and deeper than a depth block in each half (2600), starting mid-line, on conv1 and on a padded, strided layer
    /// with three vectors of channels (24 chains: three rounds of eight).</summary>
    [TestCase(0, 0, 100)]
    [TestCase(0, 37, 280)]
    [TestCase(0, 1592, 1592)]
    [TestCase(0, 13, 2600)]
    [TestCase(1, 5, 1000)]
    [TestCase(1, 0, 2200)]
    public unsafe void KernelGradientOfRows_SameBitsAsTheColumnMatrixTimesTheOutputGradient(int layer, int row0, int rows)
    {
        var g = layer == 0 ? Conv1 : new ConvGeometry(24, 20, 21, 3, 3, 3, 48, 2, 2, 1, 1, 10, 11);
        var random = new Random(4);
        float[] Values(int length) => [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        float[] x = Values(g.InputLength), dy = Values(g.OutputLength), start = Values(g.KernelLength);
        var columns = new float[rows * g.Depth];
        ConvKernels.Im2Col<float>(x, columns, g, row0, rows);

        foreach (bool accumulate in new[] { false, true })
        {
            float[] direct = [.. start], product = [.. start];
            fixed (float* input = x, gradient = dy, target = direct)
                ConvDirectKernels.KernelGradientOfRows(input, gradient, target, g, row0, rows, accumulate);
            MatMulKernels.MultiplyOnOneThread<float>(columns, dy.AsSpan(row0 * g.OutChannels, rows * g.OutChannels), product,
                g.Depth, rows, g.OutChannels, transposeA: true, accumulate: accumulate);

            Assert.That(direct, Is.EqualTo(product).AsCollection, $"accumulate: {accumulate}");
        }
    }
}
