using MiniNet.Kernels;

namespace MiniNet.Tests.Kernels;

/// <summary>
/// The unblocked multiply for small products (<see cref="GemmDirect{TKernel}"/>) gives the blocked, packed path's bits, with
/// every micro-kernel's own multiply-add (fused for the FMA kernels, as the hardware does it for the portable one, unfused
/// for the scalar one), for every transpose, overwriting and accumulating, on shapes inside one tile and across its edges.
/// </summary>
public unsafe class GemmDirectTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (string kernel in new[] { "Avx512", "Fma256", "Portable", "Scalar" })
        foreach (var (m, k, n) in new[] { (1, 1, 1), (10, 2, 4), (10, 4, 4), (10, 4, 1), (3, 5, 2), (9, 17, 33), (31, 7, 15), (16, 64, 4) })
        foreach (bool transposeA in new[] { false, true })
        foreach (bool transposeB in new[] { false, true })
        foreach (bool accumulate in new[] { false, true })
            yield return new TestCaseData(kernel, m, k, n, transposeA, transposeB, accumulate);
    }

    [TestCaseSource(nameof(Cases))]
    public void Direct_BitIdenticalToBlocked(string kernel, int m, int k, int n, bool transposeA, bool transposeB, bool accumulate)
    {
        var random = new Random(m * 100 + k * 10 + n);
        float[] a = Values(random, m * k), b = Values(random, k * n), c = Values(random, m * n);
        float[] direct = (float[])c.Clone(), blocked = (float[])c.Clone();

        switch (kernel)
        {
            case "Avx512":
                Assume.That(Avx512MicroKernel.IsSupported, "AVX-512 not available");
                Run<Avx512MicroKernel>(a, b, direct, blocked, m, k, n, transposeA, transposeB, accumulate);
                break;
            case "Fma256":
                Assume.That(Fma256MicroKernel.IsSupported, "AVX2 with FMA not available");
                Run<Fma256MicroKernel>(a, b, direct, blocked, m, k, n, transposeA, transposeB, accumulate);
                break;
            case "Portable":
                Assume.That(PortableMicroKernel.IsSupported, "Vector<T> not accelerated");
                Run<PortableMicroKernel>(a, b, direct, blocked, m, k, n, transposeA, transposeB, accumulate);
                break;
            default:
                Run<ScalarMicroKernel>(a, b, direct, blocked, m, k, n, transposeA, transposeB, accumulate);
                break;
        }

        Assert.That(direct.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(blocked.Select(BitConverter.SingleToInt32Bits)).AsCollection);
        Assert.That(direct, Is.Not.EqualTo(c).AsCollection, "the product was written");
    }

    private static void Run<TKernel>(float[] a, float[] b, float[] direct, float[] blocked, int m, int k, int n,
        bool transposeA, bool transposeB, bool accumulate) where TKernel : struct, IGemmMicroKernel
    {
        fixed (float* pa = a, pb = b, pDirect = direct, pBlocked = blocked)
        {
            var left = transposeA ? new GemmOperand(pa, 1, m) : new GemmOperand(pa, k, 1);
            var right = transposeB ? new GemmOperand(pb, k, 1) : new GemmOperand(pb, 1, n);
            GemmDirect<TKernel>.Multiply(left, right, pDirect, m, k, n, accumulate);
            GemmBlocking<TKernel>.MultiplyBlocked(pa, pb, pBlocked, m, k, n, transposeA, transposeB, accumulate, threads: 1);
        }
    }

    // Values with full 24-bit significands, so a fused and an unfused multiply-add round differently somewhere.
    private static float[] Values(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1))];
}
