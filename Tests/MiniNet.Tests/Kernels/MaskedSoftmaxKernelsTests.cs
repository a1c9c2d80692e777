using MiniNet.Kernels;

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
}
