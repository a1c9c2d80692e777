using MiniNet.Kernels;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Tests.Kernels;

public class MaskedSoftmaxKernelsTests
{
    /// <summary>A stack of causal score matrices large enough to be cut into bands of rows (rows of 37 keys, so each band
    /// starts mid-matrix and rows end mid-vector): forward and backward give the same bits on one, two and three threads, and
    /// the backward is dx += scale·y⊙(dy - Σ dy·y) computed here row by row in float64.</summary>
    [Test]
    public void ForwardAndBackward_SameBitsOnAnyThreadCount_AndBackwardIsTheFormula()
    {
        const int matrices = 30, queries = 37, keys = 37, rows = matrices * queries;
        var random = new Random(7);
        float[] x = [.. Enumerable.Range(0, rows * keys).Select(_ => 4 * random.NextSingle() - 2)];
        float[] dy = [.. Enumerable.Range(0, rows * keys).Select(_ => random.NextSingle() - 0.5f)];
        float[] start = [.. Enumerable.Range(0, rows * keys).Select(_ => random.NextSingle() - 0.5f)];
        const float scale = 0.25f;
        var results = new List<(float[] Y, float[] Dx)>();
        int saved = Engine.Threads;
        try
        {
            foreach (int threads in new[] { 1, 2, 3 })
            {
                Engine.Threads = threads;
                var (y, dx) = (new float[x.Length], (float[])start.Clone());
                MaskedSoftmaxKernels.Forward<float>(x, y, rows, queries, keys, scale, causal: true);
                MaskedSoftmaxKernels.BackwardAdd<float>(y, dy, dx, rows, queries, keys, scale, causal: true);
                results.Add((y, dx));
            }
        }
        finally
        {
            Engine.Threads = saved;
        }

        for (int k = 1; k < results.Count; k++)
        {
            Assert.That(results[k].Y, Is.EqualTo(results[0].Y).AsCollection);
            Assert.That(results[k].Dx, Is.EqualTo(results[0].Dx).AsCollection);
        }
        var (probabilities, gradient) = results[0];
        for (int r = 0; r < rows; r++)
        {
            int visible = r % queries + 1;
            double weighted = 0;
            for (int j = 0; j < visible; j++) weighted += (double)dy[r * keys + j] * probabilities[r * keys + j];
            for (int j = 0; j < keys; j++)
            {
                int i = r * keys + j;
                double expected = start[i] + (j < visible ? scale * (double)probabilities[i] * (dy[i] - weighted) : 0);
                Assert.That(gradient[i], Is.EqualTo(expected).Within(1e-6), $"row {r}, key {j}");
            }
        }
    }

    /// <summary>The backward pass written over a buffer full of NaN (a fresh gradient buffer, never read) gives the bits of
    /// the add into zeros, the masked keys' entries 0, on one, two and three threads (rows of 37 keys, cut into bands).</summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void BackwardOverwrite_IsTheAddIntoZeros_OnAnyThreadCount(int threads)
    {
        const int matrices = 30, queries = 37, keys = 37, rows = matrices * queries;
        var random = new Random(9);
        float[] x = [.. Enumerable.Range(0, rows * keys).Select(_ => 4 * random.NextSingle() - 2)];
        float[] dy = [.. Enumerable.Range(0, rows * keys).Select(_ => random.NextSingle() - 0.5f)];
        var (y, added, written) = (new float[x.Length], new float[x.Length], Enumerable.Repeat(float.NaN, x.Length).ToArray());
        MaskedSoftmaxKernels.Forward<float>(x, y, rows, queries, keys, 0.25f, causal: true);
        MaskedSoftmaxKernels.BackwardAdd<float>(y, dy, added, rows, queries, keys, 0.25f, causal: true);

        EngineThreads.Run(threads, () =>
        {
            MaskedSoftmaxKernels.BackwardAdd<float>(y, dy, written, rows, queries, keys, 0.25f, causal: true, overwrite: true);
        });

        Assert.That(written.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(added.Select(BitConverter.SingleToInt32Bits)).AsCollection);
        for (int r = 0; r < rows; r++) Assert.That(written.AsSpan(r * keys + r % queries + 1, keys - r % queries - 1).ToArray(), Is.All.EqualTo(0f), $"row {r}");
    }

    /// <summary>The forward pass's own loops promise TensorPrimitives' numbers: scale, subtract the maximum, exp, divide by
    /// the sum, each row computed here with TensorPrimitives alone, compared bit for bit (rows of 1 to 45, 64 or 128 keys, so
    /// rows shorter than a vector, whole vectors and tails all occur; 64 and 128 take the 512-bit rows where the machine has
    /// them), in float32 and float64.</summary>
    [TestCase(45)]
    [TestCase(64)]
    [TestCase(128)]
    public void Forward_BitIdenticalToTensorPrimitivesRowByRow(int keys)
    {
        int queries = keys, rows = 2 * queries;
        var random = new Random(3);
        float[] x = [.. Enumerable.Range(0, rows * keys).Select(_ => 8 * random.NextSingle() - 4)];
        Check(x, 0.3f);
        Check<double>([.. x.Select(v => (double)v)], 0.3);

        void Check<T>(T[] x, T scale) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            var y = new T[x.Length];
            MaskedSoftmaxKernels.Forward<T>(x, y, rows, queries, keys, scale, causal: true);
            for (int r = 0; r < rows; r++)
            {
                int visible = r % queries + 1;
                var expected = new T[visible];
                TensorPrimitives.Multiply(x.AsSpan(r * keys, visible), scale, expected);
                TensorPrimitives.Subtract(expected, TensorPrimitives.Max<T>(expected), expected);
                TensorPrimitives.Exp<T>(expected, expected);
                TensorPrimitives.Divide(expected, TensorPrimitives.Sum<T>(expected), expected);
                Assert.That(Bits(y.AsSpan(r * keys, visible).ToArray()), Is.EqualTo(Bits(expected)).AsCollection, $"row {r}");
                Assert.That(y.AsSpan(r * keys + visible, keys - visible).ToArray(), Is.All.EqualTo(T.Zero));
            }
        }
    }

    /// <summary>The backward pass is dx (+)= scale·y⊙(dy - Σ dy·y) with the sum TensorPrimitives.Dot's, each element computed
    /// here in that order in float32 and compared bit for bit, adding and writing over NaN (rows of 1 to 45, 64 or 128 keys;
    /// 64 and 128 take the 512-bit rows where the machine has them). Written rows are 0 past what a query sees; added rows
    /// keep what they held there.</summary>
    [TestCase(45, false)]
    [TestCase(45, true)]
    [TestCase(64, false)]
    [TestCase(64, true)]
    [TestCase(128, false)]
    [TestCase(128, true)]
    public void Backward_BitIdenticalToTheFormulaWithTensorPrimitivesDot(int keys, bool overwrite)
    {
        int queries = keys, rows = 2 * queries;
        var random = new Random(11);
        float[] x = [.. Enumerable.Range(0, rows * keys).Select(_ => 8 * random.NextSingle() - 4)];
        float[] dy = [.. Enumerable.Range(0, rows * keys).Select(_ => random.NextSingle() - 0.5f)];
        float[] start = overwrite ? Enumerable.Repeat(float.NaN, x.Length).ToArray()
            : [.. Enumerable.Range(0, rows * keys).Select(_ => random.NextSingle() - 0.5f)];
        var (y, dx) = (new float[x.Length], (float[])start.Clone());
        const float scale = 0.3f;
        MaskedSoftmaxKernels.Forward<float>(x, y, rows, queries, keys, scale, causal: true);
        MaskedSoftmaxKernels.BackwardAdd<float>(y, dy, dx, rows, queries, keys, scale, causal: true, overwrite);

        for (int r = 0; r < rows; r++)
        {
            int visible = r % queries + 1;
            float weighted = TensorPrimitives.Dot(dy.AsSpan(r * keys, visible), y.AsSpan(r * keys, visible));
            var expected = new float[keys];
            for (int j = 0; j < keys; j++)
            {
                int i = r * keys + j;
                float before = overwrite ? 0f : start[i];
                expected[j] = j < visible ? before + scale * y[i] * (dy[i] - weighted) : before;
            }
            Assert.That(Bits(dx.AsSpan(r * keys, keys).ToArray()), Is.EqualTo(Bits(expected)).AsCollection, $"row {r}");
        }
    }

    private static long[] Bits<T>(T[] values) where T : unmanaged =>
        [.. values.Select(v => typeof(T) == typeof(float) ? BitConverter.SingleToInt32Bits((float)(object)v) : BitConverter.DoubleToInt64Bits((double)(object)v))];
}
