using System.Numerics;
using MiniNet.Kernels;

namespace MiniNet.Tests.Kernels;

/// <summary>
/// <see cref="FiniteKernels.AllFinite{T}"/>: true for any finite values, however large (it multiplies by zero instead of
/// summing, so nothing can overflow), and false for a single NaN or infinity wherever it sits: in the vectors, in the scalar
/// tail, or in the range the second thread checks.
/// </summary>
[TestFixture(typeof(float))]
[TestFixture(typeof(double))]
public class FiniteKernelsTests<T> where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T>
{
    /// <summary>One thread, ending in a scalar tail (1,003 is odd); two threads over 784×128 (the MLP's largest weight, split
    /// into two halves of whole vectors); two threads over 100,355, whose second range ends in a scalar tail.</summary>
    private static readonly int[] Lengths = [1_003, 100_352, 100_355];

    [Test]
    public void AllFinite_Empty_IsTrue() => Assert.That(FiniteKernels.AllFinite<T>([]), Is.True);

    [TestCaseSource(nameof(Lengths))]
    public void AllFinite_OrdinaryValues_IsTrue(int length)
    {
        var random = new Random(length);
        var values = new T[length];
        for (int i = 0; i < length; i++) values[i] = T.CreateChecked(random.NextDouble() * 2_000 - 1_000);
        values[1] = T.Zero;
        values[2] = T.NegativeZero;
        values[3] = T.Epsilon;

        Assert.That(AllFiniteOnTwoThreads(values), Is.True);
    }

    /// <summary>The sum of these would overflow to infinity; their products with zero do not.</summary>
    [TestCaseSource(nameof(Lengths))]
    public void AllFinite_MaxValueEverywhere_IsTrue(int length)
    {
        var values = new T[length];
        Array.Fill(values, T.MaxValue);

        Assert.That(AllFiniteOnTwoThreads(values), Is.True);
    }

    /// <summary>The bad value at the first element, three quarters in (the second thread's range for the long spans), or
    /// the last element.</summary>
    [Test]
    public void AllFinite_OneNonFiniteValue_IsFalse([ValueSource(nameof(Lengths))] int length, [Values(0.0, 0.75, 1.0)] double at,
        [Values(double.NaN, double.PositiveInfinity, double.NegativeInfinity)] double bad)
    {
        var values = new T[length];
        Array.Fill(values, T.One);
        values[(int)((length - 1) * at)] = T.CreateChecked(bad);

        Assert.That(AllFiniteOnTwoThreads(values), Is.False);
    }

    /// <summary>One thread over two rounds of four vectors, one vector more and a scalar tail: the NaN lands in each of the
    /// four sums the kernel keeps side by side, in the vector after the rounds, or in the tail.</summary>
    [Test]
    public void AllFinite_NaNInEachSumAndTail_IsFalse([Values(0, 1, 2, 3, 4, 5)] int slot)
    {
        int width = Vector<T>.Count;
        var values = new T[9 * width + 3];
        Array.Fill(values, T.One);
        values[slot < 4 ? 4 * width + slot * width + 1 : slot == 4 ? 8 * width + 1 : 9 * width + 2] = T.NaN;

        Assert.That(FiniteKernels.AllFinite<T>(values), Is.False);
    }

    /// <summary>32,769 elements on two threads: the ranges must reach the last element.</summary>
    [Test]
    public void AllFinite_NaNInLastElementOf32769OnTwoThreads_IsFalse()
    {
        var values = new T[32_769];
        values[^1] = T.NaN;

        Assert.That(AllFiniteOnTwoThreads(values), Is.False);
    }

    private static bool AllFiniteOnTwoThreads(T[] values)
    {
        int saved = Engine.Threads;
        try
        {
            Engine.Threads = 2;
            return FiniteKernels.AllFinite<T>(values);
        }
        finally
        {
            Engine.Threads = saved;
        }
    }
}
