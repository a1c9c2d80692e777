using MiniNet.Kernels;

namespace MiniNet.Tests.Kernels;

/// <summary>
/// Products that leave out a triangle (<see cref="MatMulTriangle"/>, causal attention's): each mode is its definition
/// (tril(op(A))·op(B), triu(op(A))·op(B), tril(op(A)·op(B))) with every micro-kernel, transposes, overwriting and
/// accumulating, on one and two threads; the entries it computes have the full product's bits when the left-out triangle
/// holds zeros; the direct path gives the blocked path's bits.
/// </summary>
public unsafe class MatMulTriangleTests
{
    private static readonly MatMulTriangle[] Triangles = [MatMulTriangle.LowerA, MatMulTriangle.UpperA, MatMulTriangle.LowerResult];

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (string kernel in new[] { "Avx512", "Fma256", "Portable", "Scalar" })
        foreach (var triangle in Triangles)
        foreach (var (t, d) in new[] { (5, 3), (33, 32), (64, 32) })
        foreach (bool transposeA in new[] { false, true })
        foreach (bool transposeB in new[] { false, true })
            yield return new TestCaseData(kernel, triangle, t, d, transposeA, transposeB);
    }

    /// <summary>(m, k, n) of a triangle's product over (time, width) = (t, d): op(A) is t×t, or C is.</summary>
    private static (int M, int K, int N) Dimensions(MatMulTriangle triangle, int t, int d) =>
        triangle == MatMulTriangle.LowerResult ? (t, d, t) : (t, t, d);

    [TestCaseSource(nameof(Cases))]
    public void Triangle_MatchesItsDefinition(string kernel, MatMulTriangle triangle, int t, int d, bool transposeA, bool transposeB)
    {
        var (m, k, n) = Dimensions(triangle, t, d);
        var random = new Random(t * 10 + d);
        float[] a = Values(random, m * k), b = Values(random, k * n), c = Values(random, m * n);
        foreach (bool accumulate in new[] { false, true })
        foreach (int threads in new[] { 1, 2 })
        {
            float[] actual = (float[])c.Clone();
            Blocked(kernel, a, b, actual, m, k, n, transposeA, transposeB, accumulate, threads, triangle);
            double[] expected = Definition(a, b, c, m, k, n, transposeA, transposeB, accumulate, triangle);
            Assert.That(actual.Select(v => (double)v), Is.EqualTo(expected).Within(1e-5).AsCollection, $"accumulate {accumulate}, {threads} threads");
        }
    }

    /// <summary>With zeros where a triangle of op(A) is left out, the kept part is the whole product: the same bits. A lower
    /// result's kept entries are the full product's bits, the others zero.</summary>
    [TestCaseSource(nameof(Cases))]
    public void KeptEntries_BitIdenticalToTheFullProduct(string kernel, MatMulTriangle triangle, int t, int d, bool transposeA, bool transposeB)
    {
        var (m, k, n) = Dimensions(triangle, t, d);
        var random = new Random(t * 10 + d + 1);
        float[] a = Values(random, m * k), b = Values(random, k * n);
        if (triangle != MatMulTriangle.LowerResult)
            for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++)
                if (triangle == MatMulTriangle.LowerA ? p > i : p < i) a[transposeA ? p * m + i : i * k + p] = 0f;
        float[] full = new float[m * n], part = new float[m * n];
        Blocked(kernel, a, b, full, m, k, n, transposeA, transposeB, accumulate: false, threads: 1, MatMulTriangle.None);
        Blocked(kernel, a, b, part, m, k, n, transposeA, transposeB, accumulate: false, threads: 2, triangle);

        if (triangle == MatMulTriangle.LowerResult)
            for (int i = 0; i < m; i++)
            for (int j = i + 1; j < n; j++) full[i * n + j] = 0f;
        Assert.That(part.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(full.Select(BitConverter.SingleToInt32Bits)).AsCollection);
    }

    [TestCaseSource(nameof(Cases))]
    public void Direct_BitIdenticalToBlocked(string kernel, MatMulTriangle triangle, int t, int d, bool transposeA, bool transposeB)
    {
        var (m, k, n) = Dimensions(triangle, t, d);
        var random = new Random(t * 10 + d + 2);
        float[] a = Values(random, m * k), b = Values(random, k * n), c = Values(random, m * n);
        foreach (bool accumulate in new[] { false, true })
        {
            float[] direct = (float[])c.Clone(), blocked = (float[])c.Clone();
            Blocked(kernel, a, b, blocked, m, k, n, transposeA, transposeB, accumulate, threads: 1, triangle);
            switch (kernel)
            {
                case "Avx512": Direct<Avx512MicroKernel>(a, b, direct, m, k, n, transposeA, transposeB, accumulate, triangle); break;
                case "Fma256": Direct<Fma256MicroKernel>(a, b, direct, m, k, n, transposeA, transposeB, accumulate, triangle); break;
                case "Portable": Direct<PortableMicroKernel>(a, b, direct, m, k, n, transposeA, transposeB, accumulate, triangle); break;
                default: Direct<ScalarMicroKernel>(a, b, direct, m, k, n, transposeA, transposeB, accumulate, triangle); break;
            }
            Assert.That(direct.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(blocked.Select(BitConverter.SingleToInt32Bits)).AsCollection,
                $"accumulate {accumulate}");
        }
    }

    [Test]
    public void Triangle_MatrixNotSquare_Throws()
    {
        Assert.That(() => MatMulKernels.Multiply<float>(new float[12], new float[20], new float[15], 3, 4, 5, triangle: MatMulTriangle.LowerA),
            Throws.ArgumentException.With.Message.StartsWith("matmul: a triangle of op(A) needs it square, not 3×4"));
        Assert.That(() => MatMulKernels.Multiply<double>(new double[12], new double[20], new double[15], 3, 4, 5, triangle: MatMulTriangle.LowerResult),
            Throws.ArgumentException.With.Message.StartsWith("matmul: a lower-triangular result needs it square, not 3×5"));
    }

    /// <summary>float64, element by element, from the definition of each triangle.</summary>
    private static double[] Definition(float[] a, float[] b, float[] c, int m, int k, int n, bool transposeA, bool transposeB, bool accumulate,
        MatMulTriangle triangle)
    {
        var result = new double[m * n];
        for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int p = 0; p < k; p++)
            {
                bool kept = triangle switch { MatMulTriangle.LowerA => p <= i, MatMulTriangle.UpperA => p >= i, _ => true };
                if (kept) sum += (double)a[transposeA ? p * m + i : i * k + p] * b[transposeB ? j * k + p : p * n + j];
            }
            if (triangle == MatMulTriangle.LowerResult && j > i) sum = 0;
            result[i * n + j] = (accumulate ? c[i * n + j] : 0) + sum;
        }
        return result;
    }

    private static void Blocked(string kernel, float[] a, float[] b, float[] c, int m, int k, int n, bool transposeA, bool transposeB,
        bool accumulate, int threads, MatMulTriangle triangle)
    {
        switch (kernel)
        {
            case "Avx512":
                Assume.That(Avx512MicroKernel.IsSupported, "AVX-512 not available");
                MatMulKernels.MultiplyFloat32<Avx512MicroKernel>(a, b, c, m, k, n, transposeA, transposeB, accumulate, threads, triangle);
                break;
            case "Fma256":
                Assume.That(Fma256MicroKernel.IsSupported, "AVX2 with FMA not available");
                MatMulKernels.MultiplyFloat32<Fma256MicroKernel>(a, b, c, m, k, n, transposeA, transposeB, accumulate, threads, triangle);
                break;
            case "Portable":
                Assume.That(PortableMicroKernel.IsSupported, "Vector<T> not accelerated");
                MatMulKernels.MultiplyFloat32<PortableMicroKernel>(a, b, c, m, k, n, transposeA, transposeB, accumulate, threads, triangle);
                break;
            default:
                MatMulKernels.MultiplyFloat32<ScalarMicroKernel>(a, b, c, m, k, n, transposeA, transposeB, accumulate, threads, triangle);
                break;
        }
    }

    private static void Direct<TKernel>(float[] a, float[] b, float[] c, int m, int k, int n, bool transposeA, bool transposeB, bool accumulate,
        MatMulTriangle triangle) where TKernel : struct, IGemmMicroKernel
    {
        fixed (float* pa = a, pb = b, pc = c)
        {
            var left = transposeA ? new GemmOperand(pa, 1, m) : new GemmOperand(pa, k, 1);
            var right = transposeB ? new GemmOperand(pb, k, 1) : new GemmOperand(pb, 1, n);
            GemmDirect<TKernel>.Multiply(left, right, pc, m, k, n, accumulate, triangle);
        }
    }

    private static float[] Values(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1))];
}
