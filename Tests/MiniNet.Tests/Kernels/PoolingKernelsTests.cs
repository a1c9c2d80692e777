using System.Numerics.Tensors;
using MiniNet.Kernels;

namespace MiniNet.Tests.Kernels;

public class PoolingKernelsTests
{
    // The conv1 output of the MNIST convnet at batch 8 (8, 26, 26, 32), pooled 2×2: 2 threads' worth of work.
    private static readonly PoolingGeometry Geometry = new(8, 26, 26, 32, 2, 2, 2, 2, 0, 0, 13, 13);

    private static float[] Random(int seed, int length)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1))];
    }

    /// <summary>A fresh gradient buffer holds whatever its pool held before; overwriting must give exactly what adding into
    /// zeros gives, on one thread and on two.</summary>
    [TestCase(1)]
    [TestCase(2)]
    public void MaxPoolGradient_Overwrite_EqualsAddingIntoZeros(int threads)
    {
        var x = Random(1, Geometry.Batch * Geometry.InputExampleLength);
        var y = new float[Geometry.Batch * Geometry.OutputExampleLength];
        var positions = new float[y.Length];
        var dy = Random(2, y.Length);
        PoolingKernels.MaxPool<float>(x, y, positions, Geometry);
        var added = new float[x.Length];
        PoolingKernels.MaxPoolAddGradient<float>(positions, dy, added, Geometry);

        var written = EngineThreads.Run(threads, () =>
        {
            var buffer = Random(3, x.Length); // stale values
            PoolingKernels.MaxPoolAddGradient<float>(positions, dy, buffer, Geometry, overwrite: true);
            return buffer;
        });

        Assert.That(written, Is.EqualTo(added).AsCollection);
        Assert.That(written.Count(v => v == 0), Is.EqualTo(3 * written.Length / 4), "one of every 2×2 window's four takes the gradient");
    }

    // (height, width, poolSize, strides, padding): the convnet's second pooling (windows side by side, a last row and column no
    // window covers), side by side with same padding, overlapping and gapped windows. 19 channels: vectors and a scalar tail.
    public static readonly object[] RoutingCases =
    [
        new object[] { 11, 11, 2, 2, 0, 0, 5, 5 },
        new object[] { 5, 7, 2, 2, 0, 0, 3, 4 },
        new object[] { 6, 5, 3, 1, 0, 0, 4, 3 },
        new object[] { 7, 7, 2, 3, 0, 0, 2, 2 },
        new object[] { 7, 6, 3, 2, 1, 0, 4, 3 },
    ];

    /// <summary>The maxima are TensorPrimitives.Max's bits (+0 above -0, NaN propagated), and the recorded positions route each
    /// output's gradient by TensorFlow's rule, computed here from x and y as the kernel did before it recorded them: to the first position in row-major window order holding the maximum (ties are
    /// common here: four values, ±0 among them, and NaN), and the sums bit for bit those of adding into zeros (or into the
    /// buffer), on one thread and on two.</summary>
    [Test]
    public void MaxPoolGradient_RecordedPositions_RouteAsTheFirstMaximum([ValueSource(nameof(RoutingCases))] object[] shape,
        [Values(1, 2)] int threads, [Values(false, true)] bool overwrite)
    {
        var (height, width, pool, strides, padTop, padLeft, outHeight, outWidth) =
            ((int)shape[0], (int)shape[1], (int)shape[2], (int)shape[3], (int)shape[4], (int)shape[5], (int)shape[6], (int)shape[7]);
        var g = new PoolingGeometry(48, height, width, 19, pool, pool, strides, strides, padTop, padLeft, outHeight, outWidth);
        var random = new Random(height * 31 + strides);
        float[] levels = [-1f, -0f, 0f, 0.5f, float.NaN];
        var x = Enumerable.Range(0, g.Batch * g.InputExampleLength).Select(i => levels[random.Next(i % 97 == 0 ? 5 : 4)]).ToArray();
        var dy = Enumerable.Range(0, g.Batch * g.OutputExampleLength).Select(i => i % 11 == 0 ? -0f : random.NextSingle() - 0.5f).ToArray();
        var start = Random(6, x.Length);
        var (y, positions) = (new float[dy.Length], new float[dy.Length]);
        PoolingKernels.MaxPool<float>(x, y, positions, g);
        var expectedY = new float[y.Length];
        for (int n = 0; n < g.Batch; n++)
        for (int i = 0; i < g.OutputHeight; i++)
        for (int j = 0; j < g.OutputWidth; j++)
        {
            var maxima = expectedY.AsSpan(((n * g.OutputHeight + i) * g.OutputWidth + j) * g.Channels, g.Channels);
            maxima.Fill(float.NegativeInfinity);
            var ((r0, r1), (c0, c1)) = (g.Rows(i), g.Columns(j));
            for (int r = r0; r < r1; r++)
            for (int s = c0; s < c1; s++)
                TensorPrimitives.Max(maxima, x.AsSpan(n * g.InputExampleLength + (r * g.Width + s) * g.Channels, g.Channels), maxima);
        }
        Assert.That(y.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(expectedY.Select(BitConverter.SingleToInt32Bits)).AsCollection,
            "the maxima, bit for bit TensorPrimitives.Max's");

        var expected = overwrite ? new float[x.Length] : (float[])start.Clone();
        for (int n = 0; n < g.Batch; n++)
        for (int i = 0; i < g.OutputHeight; i++)
        for (int j = 0; j < g.OutputWidth; j++)
        for (int c = 0; c < g.Channels; c++)
        {
            int output = ((n * g.OutputHeight + i) * g.OutputWidth + j) * g.Channels + c;
            var ((r0, r1), (c0, c1)) = (g.Rows(i), g.Columns(j));
            var window = from r in Enumerable.Range(r0, r1 - r0) from s in Enumerable.Range(c0, c1 - c0)
                select n * g.InputExampleLength + (r * g.Width + s) * g.Channels + c;
            int first = window.First(at => x[at] == y[output] || float.IsNaN(x[at]) && float.IsNaN(y[output]));
            expected[first] += dy[output];
        }
        var actual = EngineThreads.Run(threads, () =>
        {
            var buffer = (float[])start.Clone();
            PoolingKernels.MaxPoolAddGradient<float>(positions, dy, buffer, g, overwrite);
            return buffer;
        });

        Assert.That(actual.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(expected.Select(BitConverter.SingleToInt32Bits)).AsCollection);
    }

    [TestCase(1)]
    [TestCase(2)]
    public void AveragePoolGradient_Overwrite_EqualsAddingIntoZeros(int threads)
    {
        var dy = Random(4, Geometry.Batch * Geometry.OutputExampleLength);
        var added = new float[Geometry.Batch * Geometry.InputExampleLength];
        PoolingKernels.AveragePoolAddGradient<float>(dy, added, Geometry);

        var written = EngineThreads.Run(threads, () =>
        {
            var buffer = Random(5, added.Length);
            PoolingKernels.AveragePoolAddGradient<float>(dy, buffer, Geometry, overwrite: true);
            return buffer;
        });

        Assert.That(written, Is.EqualTo(added).AsCollection);
    }
}
