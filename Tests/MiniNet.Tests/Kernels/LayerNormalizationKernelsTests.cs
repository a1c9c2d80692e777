using MiniNet.Kernels;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Tests.Kernels;

public class LayerNormalizationKernelsTests
{
    /// <summary>Rows of 131 (a vector tail) and enough of them to be split: the output, dx, dγ and dβ have the same bits on
    /// one, two and three threads, and dβ is the column sums of dy (computed here in float64).</summary>
    [Test]
    public void ForwardAndBackward_SameBitsOnAnyThreadCount()
    {
        const int rows = 300, width = 131;
        var random = new Random(11);
        float[] Draw(int length) => [.. Enumerable.Range(0, length).Select(_ => 2 * random.NextSingle() - 1)];
        float[] x = Draw(rows * width), gamma = Draw(width), beta = Draw(width), dy = Draw(rows * width);
        float[] dxStart = Draw(rows * width), dgammaStart = Draw(width), dbetaStart = Draw(width);
        var results = new List<float[][]>();
        int saved = Engine.Threads;
        try
        {
            foreach (int threads in new[] { 1, 2, 3 })
            {
                Engine.Threads = threads;
                var (y, mean, inverse) = (new float[rows * width], new float[rows], new float[rows]);
                var (dx, dgamma, dbeta) = ((float[])dxStart.Clone(), (float[])dgammaStart.Clone(), (float[])dbetaStart.Clone());
                LayerNormalizationKernels.Forward<float>(x, gamma, beta, y, mean, inverse, rows, width, 1e-5f);
                LayerNormalizationKernels.BackwardAdd<float>(x, gamma, mean, inverse, dy, dx, dgamma, dbeta, rows, width);
                results.Add([y, mean, inverse, dx, dgamma, dbeta]);
            }
        }
        finally
        {
            Engine.Threads = saved;
        }

        for (int k = 1; k < results.Count; k++)
            for (int part = 0; part < results[0].Length; part++)
                Assert.That(results[k][part], Is.EqualTo(results[0][part]).AsCollection, $"threads {k + 1}, array {part}");
        for (int j = 0; j < width; j++)
        {
            double sum = dbetaStart[j];
            for (int r = 0; r < rows; r++) sum += dy[r * width + j];
            Assert.That(results[0][5][j], Is.EqualTo(sum).Within(1e-4));
        }
    }

    /// <summary>dγ is, bit for bit, the start plus dy·x̂ added row by row with the arithmetic of TensorPrimitives' Subtract,
    /// Multiply and FusedMultiplyAdd (x̂ = (x - mean)·(1/σ) rounded at each step, then one fused multiply-add), on one and two
    /// threads: rows of 131 (a vector tail), bands narrower than a row.</summary>
    [TestCase(1)]
    [TestCase(2)]
    public void BackwardAdd_GammaGradient_IsTheRowOrderedFusedSum(int threads)
    {
        const int rows = 300, width = 131;
        var random = new Random(12);
        float[] Draw(int length) => [.. Enumerable.Range(0, length).Select(_ => 2 * random.NextSingle() - 1)];
        float[] x = Draw(rows * width), gamma = Draw(width), beta = Draw(width), dy = Draw(rows * width), start = Draw(width);
        var (y, mean, inverse) = (new float[rows * width], new float[rows], new float[rows]);
        var dgamma = (float[])start.Clone();
        EngineThreads.Run(threads, () =>
        {
            LayerNormalizationKernels.Forward<float>(x, gamma, beta, y, mean, inverse, rows, width, 1e-5f);
            LayerNormalizationKernels.BackwardAdd<float>(x, gamma, mean, inverse, dy, default, dgamma, default, rows, width);
        });

        var expected = (float[])start.Clone();
        var normalized = new float[width];
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Subtract(x.AsSpan(r * width, width), mean[r], normalized);
            TensorPrimitives.Multiply(normalized, inverse[r], normalized);
            TensorPrimitives.FusedMultiplyAdd(dy.AsSpan(r * width, width), normalized, expected, expected);
        }
        Assert.That(dgamma, Is.EqualTo(expected).AsCollection);
    }

    /// <summary>The output, dx and dβ are, bit for bit, those of TensorPrimitives' calls row by row (Sum, Subtract, Dot,
    /// Multiply and FusedMultiplyAdd forward; Subtract, Multiply, Sum and Dot backward; dβ added row by row), on one to three
    /// threads: rows of 131 (a vector tail), and rows of whole 512-bit vectors (the GPT's 128, 64, 16), which take
    /// <see cref="LayerNormRows512"/> where the machine has AVX-512, two rows at a time (301 rows: bands of odd length end on
    /// a row alone).</summary>
    [TestCase(1, 131)]
    [TestCase(2, 131)]
    [TestCase(1, 128)]
    [TestCase(2, 128)]
    [TestCase(3, 64)]
    [TestCase(1, 16)]
    public void ForwardAndInputGradient_AreTensorPrimitivesRowByRow(int threads, int width)
    {
        const int rows = 301;
        var random = new Random(13);
        float[] Draw(int length) => [.. Enumerable.Range(0, length).Select(_ => 2 * random.NextSingle() - 1)];
        float[] x = Draw(rows * width), gamma = Draw(width), beta = Draw(width), dy = Draw(rows * width), dxStart = Draw(rows * width), dbetaStart = Draw(width);
        var (y, mean, inverse, dx, dgamma, dbeta) = (new float[rows * width], new float[rows], new float[rows], (float[])dxStart.Clone(), new float[width], (float[])dbetaStart.Clone());
        EngineThreads.Run(threads, () =>
        {
            LayerNormalizationKernels.Forward<float>(x, gamma, beta, y, mean, inverse, rows, width, 1e-5f);
            LayerNormalizationKernels.BackwardAdd<float>(x, gamma, mean, inverse, dy, dx, dgamma, dbeta, rows, width);
        });

        var (normalized, scaled, expected, expectedBeta) = (new float[width], new float[width], new float[width], (float[])dbetaStart.Clone());
        for (int r = 0; r < rows; r++)
        {
            var row = x.AsSpan(r * width, width);
            float mu = TensorPrimitives.Sum<float>(row) / width;
            TensorPrimitives.Subtract(row, mu, expected);
            float inverseDeviation = 1f / MathF.Sqrt(TensorPrimitives.Dot<float>(expected, expected) / width + 1e-5f);
            TensorPrimitives.Multiply(expected, inverseDeviation, expected);
            TensorPrimitives.FusedMultiplyAdd(expected, gamma, beta, expected);
            Assert.That(y.AsSpan(r * width, width).ToArray(), Is.EqualTo(expected).AsCollection, $"output row {r}");
            Assert.That((mean[r], inverse[r]), Is.EqualTo((mu, inverseDeviation)));

            var upstream = dy.AsSpan(r * width, width);
            TensorPrimitives.Subtract(row, mu, normalized);
            TensorPrimitives.Multiply(normalized, inverseDeviation, normalized);
            TensorPrimitives.Multiply(upstream, gamma, scaled);
            float meanScaled = TensorPrimitives.Sum<float>(scaled) / width, meanScaledNormalized = TensorPrimitives.Dot<float>(scaled, normalized) / width;
            for (int j = 0; j < width; j++) expected[j] = dxStart[r * width + j] + inverseDeviation * (scaled[j] - meanScaled - normalized[j] * meanScaledNormalized);
            Assert.That(dx.AsSpan(r * width, width).ToArray(), Is.EqualTo(expected).AsCollection, $"dx row {r}");
            TensorPrimitives.Add(expectedBeta, upstream, expectedBeta);
        }
        Assert.That(dbeta, Is.EqualTo(expectedBeta).AsCollection);
    }
}
