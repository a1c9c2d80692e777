using MiniNet.Kernels;

namespace MiniNet.Tests.Kernels;

public class GeluKernelsTests
{
    private static float[] Draw(int length, int seed, float scale) =>
        [.. Enumerable.Range(0, length).Select(_ => scale * (2 * new Random(seed++).NextSingle() - 1))];

    /// <summary>float32's exact derivative, Φ(x) + x·φ(x) with φ's exponential shared with Φ's, against the same in float64
    /// (erf to double precision): within float32's rounding, across the range where Φ goes from 0 to 1 and beyond.</summary>
    [Test]
    public void AddGradient_Float32_AgreesWithFloat64()
    {
        float[] x = Draw(1001, 1, 10), dy = Draw(1001, 2, 1), start = Draw(1001, 3, 1);
        var single = (float[])start.Clone();
        double[] exact = [.. start.Select(v => (double)v)];

        GeluKernels.AddGradient<float>(x, dy, single, approximate: false);
        GeluKernels.AddGradient<double>([.. x.Select(v => (double)v)], [.. dy.Select(v => (double)v)], exact, approximate: false);

        for (int i = 0; i < x.Length; i++) Assert.That(single[i], Is.EqualTo(exact[i]).Within(1e-6 * Math.Max(1, Math.Abs(exact[i]))), $"x = {x[i]}");
    }

    /// <summary>A length that splits across threads with a tail shorter than a vector: forward and backward give the same bits
    /// on one, two and three threads, and the tail's elements (the narrow vector's formula, padded) get the same bits as the
    /// same values at the front (the 512-bit formula where AVX-512 runs).</summary>
    [Test]
    public void ExactFloat32_SameBitsOnAnyThreadCountAndAtAnyPosition()
    {
        const int length = 70_003;
        float[] x = Draw(length, 4, 5), dy = Draw(length, 5, 1);
        for (int i = 1; i <= 3; i++) (x[^i], dy[^i]) = (x[i], dy[i]);
        var results = new[] { 1, 2, 3 }.Select(threads => EngineThreads.Run(threads, () =>
        {
            var (y, dx) = (new float[length], new float[length]);
            GeluKernels.Forward<float>(x, y, approximate: false);
            GeluKernels.AddGradient<float>(x, dy, dx, approximate: false);
            return (Y: y, Dx: dx);
        })).ToList();

        Assert.That(results[1].Y, Is.EqualTo(results[0].Y).AsCollection);
        Assert.That(results[2].Y, Is.EqualTo(results[0].Y).AsCollection);
        Assert.That(results[1].Dx, Is.EqualTo(results[0].Dx).AsCollection);
        Assert.That(results[2].Dx, Is.EqualTo(results[0].Dx).AsCollection);
        for (int i = 1; i <= 3; i++)
        {
            Assert.That(results[0].Y[^i], Is.EqualTo(results[0].Y[i]));
            Assert.That(results[0].Dx[^i], Is.EqualTo(results[0].Dx[i]));
        }
    }

    /// <summary>The derivative the forward sweep keeps gives, multiplied in, the bits of the backward sweep that recomputes it
    /// (rows of 100, so each row ends in a padded tail; 300 rows, split on two and three threads), and the forward output is
    /// the one computed without keeping it.</summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void KeptDerivative_GivesTheRecomputedGradientBits(int threads)
    {
        const int rows = 300, columns = 100;
        var random = new Random(17);
        float[] Draw(int length, float scale) => [.. Enumerable.Range(0, length).Select(_ => scale * (2 * random.NextSingle() - 1))];
        float[] x = Draw(rows * columns, 4), bias = Draw(columns, 1), dy = Draw(rows * columns, 1);
        var (y, kept, derivative) = (new float[x.Length], new float[x.Length], new float[x.Length]);
        var (recomputed, fromKept) = (new float[x.Length], Enumerable.Repeat(float.NaN, x.Length).ToArray());
        GeluKernels.ExactForwardWithBias(x, bias, y);
        GeluKernels.ExactGradientWithBias(x, bias, dy, recomputed);

        EngineThreads.Run(threads, () =>
        {
            GeluKernels.ExactForwardWithBias(x, bias, kept, derivative);
            GeluKernels.GradientFromDerivative(dy, derivative, fromKept);
        });

        Assert.That(kept, Is.EqualTo(y).AsCollection);
        Assert.That(fromKept.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(recomputed.Select(BitConverter.SingleToInt32Bits)).AsCollection);
    }

    /// <summary>The bias gradient summed in the walk that writes dz has the bits of the broadcast sum over dz's rows taken
    /// afterwards (as the op did before), and dz is the one written without it; 300 rows of 100 on one, two and three threads.</summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void KeptDerivative_BiasGradientInTheSameWalk_SameBitsAsSummedAfter(int threads)
    {
        const int rows = 300, columns = 100;
        var random = new Random(18);
        float[] Draw(int length) => [.. Enumerable.Range(0, length).Select(_ => 2 * random.NextSingle() - 1)];
        float[] dy = Draw(rows * columns), derivative = Draw(rows * columns);
        var (dz, dzFused, db, dbFused) = (new float[dy.Length], new float[dy.Length], new float[columns], new float[columns]);
        GeluKernels.GradientFromDerivative(dy, derivative, dz);
        BroadcastKernels.SumToShapeAdd<float>(dz, [rows, columns], db, [columns]);

        EngineThreads.Run(threads, () =>
        {
            GeluKernels.GradientFromDerivative(dy, derivative, dzFused, dbFused);
        });

        Assert.That(dzFused.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(dz.Select(BitConverter.SingleToInt32Bits)).AsCollection);
        Assert.That(dbFused.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(db.Select(BitConverter.SingleToInt32Bits)).AsCollection);
        Assert.That(db, Has.Some.Not.EqualTo(0f));
    }
}
