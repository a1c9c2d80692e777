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
        var dy = Random(2, y.Length);
        PoolingKernels.MaxPool<float>(x, y, Geometry);
        var added = new float[x.Length];
        PoolingKernels.MaxPoolAddGradient<float>(x, y, dy, added, Geometry);

        var written = EngineThreads.Run(threads, () =>
        {
            var buffer = Random(3, x.Length); // stale values
            PoolingKernels.MaxPoolAddGradient<float>(x, y, dy, buffer, Geometry, overwrite: true);
            return buffer;
        });

        Assert.That(written, Is.EqualTo(added).AsCollection);
        Assert.That(written.Count(v => v == 0), Is.EqualTo(3 * written.Length / 4), "one of every 2×2 window's four takes the gradient");
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
