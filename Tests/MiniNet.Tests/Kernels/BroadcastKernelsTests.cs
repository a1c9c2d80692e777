using MiniNet.Kernels;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Tests.Kernels;

public class BroadcastKernelsTests
{
    private static float[] Draw(Random random, int length) => [.. Enumerable.Range(0, length).Select(_ => 2 * random.NextSingle() - 1)];

    /// <summary>An operand like the result, a bias, a position table and a (1, 1, n) row repeat; a column (n, 1), a leading
    /// block (b, 1, n) and an operand with a broadcast middle do not.</summary>
    [TestCase(new[] { 12, 64, 128 }, new[] { 12, 64, 128 }, 768)]
    [TestCase(new[] { 12, 64, 128 }, new[] { 128 }, 1)]
    [TestCase(new[] { 12, 64, 128 }, new[] { 64, 128 }, 64)]
    [TestCase(new[] { 12, 64, 128 }, new[] { 1, 1, 128 }, 1)]
    [TestCase(new[] { 12, 1, 128 }, new[] { 1, 128 }, 1)]
    [TestCase(new[] { 64, 128 }, new[] { 64, 1 }, 0)]
    [TestCase(new[] { 12, 64, 128 }, new[] { 12, 1, 128 }, 0)]
    [TestCase(new[] { 12, 64, 128 }, new[] { 12, 64, 1 }, 0)]
    public void Period_RepeatingRows_CountsThem(int[] result, int[] operand, int period)
    {
        Assert.That(new RowBroadcast(result, operand).Period, Is.EqualTo(period));
    }

    /// <summary>A residual (both operands shaped like the result), a bias and a position table over 300 rows of 131 (a
    /// vector tail, enough rows to be split): the same bits on one, two and three threads, and each element is a + b.</summary>
    [TestCase(new[] { 3, 100, 131 })]
    [TestCase(new[] { 131 })]
    [TestCase(new[] { 100, 131 })]
    public void Binary_RepeatingOperand_SameBitsOnAnyThreadCountAndAdds(int[] bShape)
    {
        int[] shape = [3, 100, 131];
        var random = new Random(bShape.Length);
        float[] a = Draw(random, 3 * 100 * 131), b = Draw(random, bShape.Aggregate(1, (p, d) => p * d));
        float[] Run(int threads) => EngineThreads.Run(threads, () =>
        {
            var y = new float[a.Length];
            BroadcastKernels.Binary<float>(a, shape, b, bShape, y, shape, static (x, z, r) => TensorPrimitives.Add(x, z, r));
            return y;
        });

        var one = Run(1);
        Assert.That(Run(2), Is.EqualTo(one).AsCollection, "two threads");
        Assert.That(Run(3), Is.EqualTo(one).AsCollection, "three threads");
        for (int i = 0; i < a.Length; i++)
            Assert.That(one[i], Is.EqualTo(a[i] + b[i % b.Length]), $"element {i}");
    }

    /// <summary>A bias's gradient (the column sums of 300 rows of 131) and a position table's (each of its 100 rows summed
    /// over 3 repeats), added to what the target held: the same bits on one, two and three threads, and those of a
    /// plain loop adding the rows in order.</summary>
    [TestCase(new[] { 131 })]
    [TestCase(new[] { 100, 131 })]
    public void SumToShapeAdd_RepeatingTarget_SameBitsOnAnyThreadCountAndSums(int[] targetShape)
    {
        int[] shape = [3, 100, 131];
        var random = new Random(targetShape.Length + 5);
        float[] source = Draw(random, 3 * 100 * 131), start = Draw(random, targetShape.Aggregate(1, (p, d) => p * d));
        float[] Run(int threads) => EngineThreads.Run(threads, () =>
        {
            var target = (float[])start.Clone();
            BroadcastKernels.SumToShapeAdd<float>(source, shape, target, targetShape);
            return target;
        });

        var one = Run(1);
        Assert.That(Run(2), Is.EqualTo(one).AsCollection, "two threads");
        Assert.That(Run(3), Is.EqualTo(one).AsCollection, "three threads");
        var sums = (float[])start.Clone();
        for (int i = 0; i < source.Length; i++) sums[i % sums.Length] += source[i];
        Assert.That(one, Is.EqualTo(sums).AsCollection, "the float sums of a plain loop in row order, bit for bit");
    }

    /// <summary>A column operand (one value per row) still broadcasts along the row on the unsplit path.</summary>
    [Test]
    public void Binary_ColumnOperand_RepeatsItsValueAlongTheRow()
    {
        float[] a = [1, 2, 3, 4, 5, 6], b = [10, 20], y = new float[6];

        BroadcastKernels.Binary<float>(a, [2, 3], b, [2, 1], y, [2, 3], static (x, z, r) => TensorPrimitives.Add(x, z, r));

        Assert.That(y, Is.EqualTo(new float[] { 11, 12, 13, 24, 25, 26 }));
    }
}
