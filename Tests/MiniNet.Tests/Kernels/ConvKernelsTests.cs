using MiniNet.Kernels;

namespace MiniNet.Tests.Kernels;

public class ConvKernelsTests
{
    /// <summary>x = [1 2 3; 4 5 6; 7 8 9], a 2×2 window, stride 1, valid: row r of the column matrix is the window under
    /// output pixel r read row by row.</summary>
    [Test]
    public void Im2Col_ThreeByThreeImageTwoByTwoWindow_RowsAreTheWindows()
    {
        var geometry = new ConvGeometry(1, 3, 3, 1, 2, 2, 1, 1, 1, 0, 0, 2, 2);
        double[] image = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var columns = new double[4 * 4];

        ConvKernels.Im2Col<double>(image, columns, geometry, 0, 4);

        Assert.That(columns, Is.EqualTo(new double[] { 1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9 }));
    }

    /// <summary>A 2×2 image with two channels, 'same' padding of a 2×2 window (one zero row below, one zero column to the
    /// right): values outside the image are zeros, and each pixel's channels stay side by side.</summary>
    [Test]
    public void Im2Col_PaddedWindows_FillOutsideWithZerosAndKeepChannelsTogether()
    {
        var geometry = new ConvGeometry(1, 2, 2, 2, 2, 2, 1, 1, 1, 0, 0, 2, 2);
        double[] image = [1, -1, 2, -2, 3, -3, 4, -4];
        var columns = new double[4 * 8];

        ConvKernels.Im2Col<double>(image, columns, geometry, 0, 4);

        Assert.That(columns, Is.EqualTo(new double[]
        {
            1, -1, 2, -2, 3, -3, 4, -4,
            2, -2, 0, 0, 4, -4, 0, 0,
            3, -3, 4, -4, 0, 0, 0, 0,
            4, -4, 0, 0, 0, 0, 0, 0,
        }));
    }

    /// <summary>Rows [2, 4) of the column matrix alone are the same as rows 2 and 3 of the whole.</summary>
    [Test]
    public void Im2Col_RowRange_EqualsThoseRowsOfTheWholeMatrix()
    {
        var geometry = new ConvGeometry(2, 5, 4, 3, 3, 2, 1, 2, 1, 1, 0, 3, 3);
        var image = Random(1, geometry.InputLength);
        var whole = new double[geometry.Rows * geometry.Depth];
        var part = new double[5 * geometry.Depth];

        ConvKernels.Im2Col<double>(image, whole, geometry, 0, geometry.Rows);
        ConvKernels.Im2Col<double>(image, part, geometry, 7, 5);

        Assert.That(part, Is.EqualTo(whole.AsSpan(7 * geometry.Depth, 5 * geometry.Depth).ToArray()));
    }

    /// <summary>col2im is im2col's adjoint: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩ for any x and c, with padding on every side,
    /// strides, and windows that overlap or skip pixels.</summary>
    [TestCase(1, 5, 5, 1, 3, 3, 1, 1, 0, 0)]
    [TestCase(2, 6, 7, 3, 3, 2, 1, 1, 1, 0)]
    [TestCase(2, 7, 6, 2, 2, 3, 2, 2, 0, 1)]
    [TestCase(3, 5, 8, 4, 3, 3, 2, 3, 1, 1)]
    [TestCase(1, 4, 4, 2, 1, 1, 3, 3, 0, 0)]
    [TestCase(1, 4, 4, 1, 2, 2, 1, 1, 3, 3)]
    public void Col2ImAdd_IsTheAdjointOfIm2Col(int n, int h, int w, int c, int kh, int kw, int sh, int sw, int top, int left)
    {
        int ho = (h + 2 * top - kh) / sh + 1, wo = (w + 2 * left - kw) / sw + 1;
        var geometry = new ConvGeometry(n, h, w, c, kh, kw, 1, sh, sw, top, left, ho, wo);
        var x = Random(2, geometry.InputLength);
        var columns = Random(3, geometry.Rows * geometry.Depth);
        var im2col = new double[columns.Length];
        var col2im = new double[x.Length];

        ConvKernels.Im2Col<double>(x, im2col, geometry, 0, geometry.Rows);
        ConvKernels.Col2ImAdd<double>(columns, col2im, geometry, 0, geometry.Rows);

        double left_ = im2col.Zip(columns, (a, b) => a * b).Sum(), right = x.Zip(col2im, (a, b) => a * b).Sum();
        Assert.That(left_, Is.EqualTo(right).Within(1e-12 * (Math.Abs(right) + 1)));
        Assert.That(col2im, Has.Some.Not.EqualTo(0.0));
    }

    /// <summary>A 1×1 window, stride 1: every input pixel is copied exactly once, so im2col is the identity and col2im
    /// adds the column matrix onto what the input already held.</summary>
    [Test]
    public void Col2ImAdd_AddsOntoTheInputRatherThanOverwriting()
    {
        var geometry = new ConvGeometry(1, 2, 2, 1, 1, 1, 1, 1, 1, 0, 0, 2, 2);
        double[] input = [10, 20, 30, 40];

        ConvKernels.Col2ImAdd<double>([1, 2, 3, 4], input, geometry, 0, 4);

        Assert.That(input, Is.EqualTo(new double[] { 11, 22, 33, 44 }));
    }

    [Test]
    public void Im2Col_RowsPastTheEnd_Throw()
    {
        var geometry = new ConvGeometry(1, 3, 3, 1, 2, 2, 1, 1, 1, 0, 0, 2, 2);

        Assert.That(() => ConvKernels.Im2Col<double>(new double[9], new double[8], geometry, 3, 2),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("rows [3, 5) lie outside the column matrix's 4 rows"));
    }

    [Test]
    public void Forward_OutputTooShort_ThrowsNamingIt()
    {
        var geometry = new ConvGeometry(1, 3, 3, 1, 2, 2, 1, 1, 1, 0, 0, 2, 2);

        Assert.That(() => ConvKernels.Forward<float>(new float[9], new float[4], new float[3], geometry),
            Throws.ArgumentException.With.Message.Contains("conv2d: output has 3 elements, the geometry needs 4"));
    }

    /// <summary>With accumulate, both gradients are added to what the buffers held: twice the same call doubles them.</summary>
    [Test]
    public void Gradients_Accumulate_AddToTheBuffers()
    {
        var geometry = new ConvGeometry(4, 9, 9, 8, 3, 3, 16, 1, 1, 1, 1, 9, 9);
        var x = Random(4, geometry.InputLength).Select(v => (float)v).ToArray();
        var w = Random(5, geometry.KernelLength).Select(v => (float)v).ToArray();
        var dy = Random(6, geometry.OutputLength).Select(v => (float)v).ToArray();
        float[] dx = new float[x.Length], dw = new float[w.Length];
        float[] dx2 = new float[x.Length], dw2 = new float[w.Length];

        ConvKernels.InputGradient<float>(dy, w, dx, geometry);
        ConvKernels.KernelGradient<float>(x, dy, dw, geometry);
        ConvKernels.InputGradient<float>(dy, w, dx2, geometry);
        ConvKernels.KernelGradient<float>(x, dy, dw2, geometry);
        ConvKernels.InputGradient<float>(dy, w, dx2, geometry, accumulate: true);
        ConvKernels.KernelGradient<float>(x, dy, dw2, geometry, accumulate: true);

        Assert.That(dx2, Is.EqualTo(dx.Select(v => 2 * v)).Within(1e-5).AsCollection);
        Assert.That(dw2, Is.EqualTo(dw.Select(v => 2 * v)).Within(1e-4).AsCollection);
    }

    /// <summary>dZ = dY where y &gt; 0, and dB += Σ dZ over the pixels taken in row order, written out as two plain loops:
    /// the kernel gives these exact bits on one, two and three threads, for conv1 of the MNIST convnet (32 channels, cut into
    /// two bands of rows and two of channels) and for 37 channels (vectors and a scalar tail), in float32 and float64, and
    /// with no bias gradient.</summary>
    [TestCase(64, 26, 32)]
    [TestCase(24, 20, 37)]
    public void BiasReluGradient_EqualsTheRowOrderLoops_OnAnyThreadCount(int batch, int size, int channels)
    {
        var geometry = new ConvGeometry(batch, size + 2, size + 2, 1, 3, 3, channels, 1, 1, 0, 0, size, size);
        int length = geometry.OutputLength;
        var (y, dy) = (Random(1, length), Random(2, length));
        var startBias = Random(3, channels);
        AssertMatchesLoops(y, dy, startBias, geometry);
        AssertMatchesLoops([.. y.Select(v => (float)v)], [.. dy.Select(v => (float)v)], [.. startBias.Select(v => (float)v)], geometry);
    }

    private static void AssertMatchesLoops<T>(T[] y, T[] dy, T[] startBias, ConvGeometry geometry) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int channels = geometry.OutChannels;
        var (expectedDz, expectedDb) = (new T[y.Length], (T[])startBias.Clone());
        for (int i = 0; i < y.Length; i++)
        {
            expectedDz[i] = y[i] > T.Zero ? T.Zero + dy[i] : T.Zero;
            expectedDb[i % channels] += expectedDz[i];
        }
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var (dz, db, dzWithoutBias) = (new T[y.Length], (T[])startBias.Clone(), new T[y.Length]);
            EngineThreads.Run(threads, () =>
            {
                ConvKernels.BiasReluGradient<T>(y, dy, dz, db, geometry);
                ConvKernels.BiasReluGradient<T>(y, dy, dzWithoutBias, Span<T>.Empty, geometry);
            });
            Assert.That(dz, Is.EqualTo(expectedDz).AsCollection, $"dZ, {typeof(T).Name}, {threads} thread(s)");
            Assert.That(db, Is.EqualTo(expectedDb).AsCollection, $"dB, {typeof(T).Name}, {threads} thread(s)");
            Assert.That(dzWithoutBias, Is.EqualTo(expectedDz).AsCollection, $"dZ without dB, {typeof(T).Name}, {threads} thread(s)");
        }
    }

    private static double[] Random(int seed, int length)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1)];
    }
}
