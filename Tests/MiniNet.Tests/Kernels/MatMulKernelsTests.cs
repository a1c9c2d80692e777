using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MiniNet.Kernels;

namespace MiniNet.Tests.Kernels;

/// <summary>
/// Every variant of <see cref="MatMulKernels.Multiply{T}"/> (A·B, Aᵀ·B, A·Bᵀ, Aᵀ·Bᵀ, overwriting or accumulating) against
/// MathNet.Numerics' dense multiply in float64, on shapes that exercise the edges of the kernel's tiles and blocks.
/// </summary>
public class MatMulKernelsTests
{
    /// <summary>One element; primes; sizes just off the 8-row and 32-column tiles; more than one row block (m &gt; 96), depth
    /// block (k &gt; 1024) and column block (n &gt; 2048); operands too large to be read in place (over 128K floats); short,
    /// deep products summed as two half-depth products (the MLP's first layer at batch 32 and 128, and k = 4m = 128), and one
    /// just past that boundary (k &lt; 4m) that is not.</summary>
    private static readonly (int M, int K, int N)[] Shapes =
    [
        (1, 1, 1), (7, 13, 29), (67, 131, 97), (9, 17, 33), (31, 7, 15), (200, 300, 170), (197, 521, 65), (13, 1500, 40),
        (3, 5, 2100), (150, 1000, 141), (32, 784, 128), (128, 784, 128), (32, 128, 20), (33, 128, 20),
    ];

    private static IEnumerable<TestCaseData> Variants((int M, int K, int N)[] shapes)
    {
        foreach (var (m, k, n) in shapes)
        foreach (bool transposeA in new[] { false, true })
        foreach (bool transposeB in new[] { false, true })
        foreach (bool accumulate in new[] { false, true })
            yield return new TestCaseData(m, k, n, transposeA, transposeB, accumulate);
    }

    private static IEnumerable<TestCaseData> AllVariants() => Variants(Shapes);

    private static IEnumerable<TestCaseData> KernelVariants()
    {
        foreach (string kernel in new[] { "Avx512", "Avx512Narrow", "Fma256", "Portable", "Scalar" })
        foreach (var data in Variants([(1, 1, 1), (9, 17, 33), (67, 131, 97), (197, 521, 65), (13, 1500, 40), (150, 1000, 141), (64, 32, 64), (64, 64, 32)]))
            yield return new TestCaseData([kernel, .. data.Arguments]);
    }

    [TestCaseSource(nameof(AllVariants))]
    public void Multiply_Float32_MatchesReference(int m, int k, int n, bool transposeA, bool transposeB, bool accumulate)
    {
        var (a, b, c) = RandomOperands<float>(m, k, n, seed: m * 31 + k * 7 + n);
        var expected = Reference(a, b, c, m, k, n, transposeA, transposeB, accumulate);

        MatMulKernels.Multiply<float>(a, b, c, m, k, n, transposeA, transposeB, accumulate);

        Assert.That(c.Select(x => (double)x), Is.EqualTo(expected).Within(Float32Tolerance(k)).AsCollection);
    }

    [TestCaseSource(nameof(AllVariants))]
    public void Multiply_Float64_MatchesReference(int m, int k, int n, bool transposeA, bool transposeB, bool accumulate)
    {
        var (a, b, c) = RandomOperands<double>(m, k, n, seed: m * 31 + k * 7 + n);
        var expected = Reference(a, b, c, m, k, n, transposeA, transposeB, accumulate);

        MatMulKernels.Multiply<double>(a, b, c, m, k, n, transposeA, transposeB, accumulate);

        Assert.That(c, Is.EqualTo(expected).Within(1e-12 * (k + 1)).AsCollection);
    }

    /// <summary>Each micro-kernel, not only the one this CPU picks, so the fallbacks are tested on a machine that has AVX-512;
    /// (64, 32, 64) and (64, 64, 32) are the character GPT's attention products, q·kᵀ and weights·v, per head.</summary>
    [TestCaseSource(nameof(KernelVariants))]
    public void MultiplyFloat32_EachMicroKernel_MatchesReference(string kernel, int m, int k, int n, bool transposeA, bool transposeB, bool accumulate)
    {
        var (a, b, c) = RandomOperands<float>(m, k, n, seed: k);
        var expected = Reference(a, b, c, m, k, n, transposeA, transposeB, accumulate);

        switch (kernel)
        {
            case "Avx512":
                Assume.That(Avx512MicroKernel.IsSupported, "AVX-512 not available");
                MatMulKernels.MultiplyFloat32<Avx512MicroKernel>(a, b, c, m, k, n, transposeA, transposeB, accumulate, threads: 2);
                break;
            case "Avx512Narrow":
                Assume.That(Avx512NarrowMicroKernel.IsSupported, "AVX-512 not available");
                MatMulKernels.MultiplyFloat32<Avx512NarrowMicroKernel>(a, b, c, m, k, n, transposeA, transposeB, accumulate, threads: 2);
                break;
            case "Fma256":
                Assume.That(Fma256MicroKernel.IsSupported, "AVX2 with FMA not available");
                MatMulKernels.MultiplyFloat32<Fma256MicroKernel>(a, b, c, m, k, n, transposeA, transposeB, accumulate, threads: 2);
                break;
            case "Portable":
                Assume.That(PortableMicroKernel.IsSupported, "Vector<T> not accelerated");
                MatMulKernels.MultiplyFloat32<PortableMicroKernel>(a, b, c, m, k, n, transposeA, transposeB, accumulate, threads: 2);
                break;
            default:
                MatMulKernels.MultiplyFloat32<ScalarMicroKernel>(a, b, c, m, k, n, transposeA, transposeB, accumulate, threads: 2);
                break;
        }

        Assert.That(c.Select(x => (double)x), Is.EqualTo(expected).Within(Float32Tolerance(k)).AsCollection);
    }

    /// <summary>The narrow 8×16 kernel, which <see cref="MatMulKernels.Multiply{T}"/> picks for products at most 16 columns
    /// wide, gives the wide 8×32 kernel's bits: the classifier layers' shapes (the MNIST MLP's 64×128·128×10 and its weight
    /// gradient, the convnet's 64×1600·1600×10, cut into two half-depth products, and 1600×64·64×10), edge tiles of 1 to 16
    /// columns, one and two threads.</summary>
    [TestCase(64, 128, 10)]
    [TestCase(128, 64, 10)]
    [TestCase(64, 1600, 10)]
    [TestCase(1600, 64, 10)]
    [TestCase(37, 300, 1)]
    [TestCase(9, 2100, 16)]
    [TestCase(200, 45, 13)]
    public void MultiplyFloat32_NarrowKernel_SameBitsAsTheWideKernel(int m, int k, int n)
    {
        Assume.That(Avx512NarrowMicroKernel.IsSupported, "AVX-512 not available");
        foreach (var data in Variants([(m, k, n)]))
        foreach (int threads in new[] { 1, 2 })
        {
            var (transposeA, transposeB, accumulate) = ((bool)data.Arguments[3]!, (bool)data.Arguments[4]!, (bool)data.Arguments[5]!);
            var (a, b, c) = RandomOperands<float>(m, k, n, seed: 9);
            var wide = (float[])c.Clone();
            MatMulKernels.MultiplyFloat32<Avx512NarrowMicroKernel>(a, b, c, m, k, n, transposeA, transposeB, accumulate, threads);
            MatMulKernels.MultiplyFloat32<Avx512MicroKernel>(a, b, wide, m, k, n, transposeA, transposeB, accumulate, threads);
            Assert.That(c, Is.EqualTo(wide).AsCollection, $"transposeA {transposeA}, transposeB {transposeB}, accumulate {accumulate}, {threads} threads");
        }
    }

    /// <summary>Shapes large enough to be split, by rows and (with Bᵀ) by columns, with operands packed and read in place,
    /// and one (n = 10) too narrow to split by columns; short, deep ones summed as two half-depth products (the MLP's first
    /// layer at batch 32, 64 and 128, and k = 4m = 128; 2,300 deep, two depth blocks in each half), and one just past that
    /// boundary (k &lt; 4m) that is split by output blocks instead.</summary>
    private static IEnumerable<TestCaseData> ThreadedVariants() =>
        Variants([(200, 300, 170), (64, 784, 128), (784, 64, 128), (61, 1100, 37), (40, 30, 2500), (150, 1000, 141), (300, 400, 10),
            (32, 784, 128), (128, 784, 128), (32, 128, 20), (33, 128, 20), (40, 2300, 30)]);

    /// <summary>Threads share out blocks of the output; the depth is only ever cut by shape (two half-depth products for
    /// short, deep products), never by thread count, so each element is summed in the same order.</summary>
    [TestCaseSource(nameof(ThreadedVariants))]
    public void Multiply_TwoOrThreeThreads_BitIdenticalToOneThread(int m, int k, int n, bool transposeA, bool transposeB, bool accumulate)
    {
        var (a, b, c) = RandomOperands<float>(m, k, n, seed: 5);
        float[] single = (float[])c.Clone(), two = (float[])c.Clone(), three = (float[])c.Clone();
        int saved = Engine.Threads;
        try
        {
            Engine.Threads = 1;
            MatMulKernels.Multiply<float>(a, b, single, m, k, n, transposeA, transposeB, accumulate);
            Engine.Threads = 2;
            MatMulKernels.Multiply<float>(a, b, two, m, k, n, transposeA, transposeB, accumulate);
            Engine.Threads = 3;
            MatMulKernels.Multiply<float>(a, b, three, m, k, n, transposeA, transposeB, accumulate);
        }
        finally
        {
            Engine.Threads = saved;
        }

        Assert.That(two, Is.EqualTo(single).AsCollection);
        Assert.That(three, Is.EqualTo(single).AsCollection);
    }

    [Test]
    public void Multiply_ZeroDepth_Overwrite_GivesZeros()
    {
        float[] c = [1, 2, 3, 4, 5, 6];

        MatMulKernels.Multiply<float>([], [], c, 2, 0, 3);

        Assert.That(c, Is.All.EqualTo(0f));
    }

    [Test]
    public void Multiply_ZeroDepth_Accumulate_LeavesCUnchanged()
    {
        float[] c = [1, 2, 3, 4, 5, 6];

        MatMulKernels.Multiply<float>([], [], c, 2, 0, 3, transposeA: true, accumulate: true);

        Assert.That(c, Is.EqualTo(new float[] { 1, 2, 3, 4, 5, 6 }).AsCollection);
    }

    [TestCase(0, 5, 3)]
    [TestCase(4, 5, 0)]
    [TestCase(0, 0, 0)]
    public void Multiply_NoRowsOrNoColumns_TouchesNothing(int m, int k, int n)
    {
        var a = new float[m * k];
        var b = new float[k * n];
        float[] c = [42f];

        MatMulKernels.Multiply<float>(a, b, c, m, k, n);

        Assert.That(c[0], Is.EqualTo(42f));
    }

    /// <summary>0 · ∞ and 0 · NaN are NaN (IEEE 754), so a zero in A must not skip its term; in both element types.</summary>
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NaN)]
    public void Multiply_ZeroTimesNonFinite_GivesNaN(double nonFinite)
    {
        double[] c64 = new double[1];
        float[] c32 = new float[1];

        MatMulKernels.Multiply<double>([0.0, 1], [nonFinite, 2], c64, 1, 2, 1);
        MatMulKernels.Multiply<float>([0f, 1], [(float)nonFinite, 2], c32, 1, 2, 1);

        Assert.That(c64[0], Is.NaN);
        Assert.That(c32[0], Is.NaN);
    }

    [Test]
    public void Multiply_Float64ZeroDepth_GivesZeros()
    {
        double[] c = [1, 2, 3, 4];

        MatMulKernels.Multiply<double>([], [], c, 2, 0, 2);

        Assert.That(c, Is.All.EqualTo(0d));
    }

    /// <summary>Packing buffers are per thread and reused, so a repeated call allocates nothing.</summary>
    [TestCase(1)]
    [TestCase(2)]
    public void Multiply_SteadyState_AllocatesNothing(int threads)
    {
        var (a, b, c) = RandomOperands<float>(67, 300, 97, seed: 1);
        int saved = Engine.Threads;
        try
        {
            Engine.Threads = threads;
            MatMulKernels.Multiply<float>(a, b, c, 67, 300, 97, transposeA: true);
            // The fewest bytes over three calls: the runtime itself (the JIT recompiling a hot method, under load) may allocate
            // on this thread during one of them; a buffer the multiply allocated would show in all three.
            long allocated = long.MaxValue;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                MatMulKernels.Multiply<float>(a, b, c, 67, 300, 97, transposeA: true);
                allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            Assert.That(allocated, Is.Zero);
        }
        finally
        {
            Engine.Threads = saved;
        }
    }

    [Test]
    public void Multiply_NegativeDimension_Throws()
    {
        Assert.That(() => MatMulKernels.Multiply<float>([], [], new float[1], 1, -1, 1),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("k"));
    }

    [Test]
    public void Multiply_SpanShorterThanMatrix_ThrowsNamingIt()
    {
        Assert.That(() => MatMulKernels.Multiply<float>(new float[6], new float[5], new float[4], 2, 3, 2),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("b").And.Message.Contains("3×2"));
    }

    /// <summary>Products of values in [-1, 1) summed in float32: the rounding error grows with the number of terms.</summary>
    private static double Float32Tolerance(int k) => 2e-6 * (k + 1);

    private static (T[] A, T[] B, T[] C) RandomOperands<T>(int m, int k, int n, int seed) where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        T Next() => T.CreateChecked(random.NextDouble() * 2 - 1);
        return (Enumerable.Range(0, m * k).Select(_ => Next()).ToArray(),
                Enumerable.Range(0, k * n).Select(_ => Next()).ToArray(),
                Enumerable.Range(0, m * n).Select(_ => Next()).ToArray());
    }

    /// <summary>op(A)·op(B) (+ C) in float64 by MathNet, flattened row-major.</summary>
    private static double[] Reference<T>(T[] a, T[] b, T[] c, int m, int k, int n, bool transposeA, bool transposeB, bool accumulate)
        where T : IFloatingPointIeee754<T>
    {
        var left = Matrix<double>.Build.Dense(m, k, (i, p) => double.CreateChecked(transposeA ? a[p * m + i] : a[i * k + p]));
        var right = Matrix<double>.Build.Dense(k, n, (p, j) => double.CreateChecked(transposeB ? b[j * k + p] : b[p * n + j]));
        var product = left * right;
        if (accumulate) product += Matrix<double>.Build.Dense(m, n, (i, j) => double.CreateChecked(c[i * n + j]));
        return product.ToRowMajorArray();
    }

    /// <summary>Which products are summed in two depth halves decides the bits every model computes, so it is pinned here:
    /// moving it (as raising the threshold for using two threads once did, by sharing the constant) changes the numbers of
    /// runs made before, even though each is still the same on any thread count.</summary>
    [TestCase(9, 280, 32, true)]      // conv1's last kernel-gradient chunk: 80,640 multiply-adds, just over 2¹⁶
    [TestCase(64, 784, 128, true)]    // the MLP's first layer
    [TestCase(8, 1024, 8, true)]      // exactly 2¹⁶
    [TestCase(8, 1016, 8, false)]     // just under
    [TestCase(64, 128, 10, false)]    // depth under four times the rows
    [TestCase(16, 127, 64, false)]    // depth under 128
    public void SumsInDepthHalves_DependsOnTheShapeAsItAlwaysHas(int m, int k, int n, bool halves)
    {
        Assert.That(GemmBlocking<Avx512MicroKernel>.SumsInDepthHalves(m, k, n), Is.EqualTo(halves));
        Assert.That(GemmBlocking<PortableMicroKernel>.SumsInDepthHalves(m, k, n), Is.EqualTo(halves));
    }
}
