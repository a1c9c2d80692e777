using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MiniNet.Kernels;

/// <summary>8×16 tile in 8 AVX-512 registers (one per row), for products at most 16 columns wide: a classifier's 10 outputs
/// (the last dense layer of the MNIST MLP and convnet, and its weight gradient). <see cref="Avx512MicroKernel"/>'s 32-column
/// tile would compute 22 columns of padding for every 10 kept; this one computes 6. Its 8 independent sums are as many as
/// Zen 4's two FMA pipes need to hide a multiply-add's latency of four cycles. Each element is summed as the wide kernel sums
/// it (from zero, in depth order, one fused multiply-add per step) and the tile has the same height, so the driver cuts the
/// depth in the same places: the bits are the wide kernel's.</summary>
internal readonly struct Avx512NarrowMicroKernel : IGemmMicroKernel
{
    /// <inheritdoc />
    public static int Rows => 8;

    /// <inheritdoc />
    public static int Columns => 16;

    /// <inheritdoc />
    public static bool IsSupported => Avx512MicroKernel.IsSupported;

    /// <inheritdoc />
    public static float MultiplyAdd(float x, float y, float sum) => MathF.FusedMultiplyAdd(x, y, sum);

    /// <inheritdoc />
    public static unsafe void Run(int depth, float* a, nint aStride, float* b, nint bStride, float* c, nint ldc, bool overwrite)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        for (int p = 0; p < depth; p++)
        {
            var row = Vector512.Load(b);
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[0]), row, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[1]), row, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[2]), row, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[3]), row, c3);
            c4 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[4]), row, c4);
            c5 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[5]), row, c5);
            c6 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[6]), row, c6);
            c7 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[7]), row, c7);
            a += aStride;
            b += bStride;
        }
        Store(c, c0, overwrite);
        Store(c + ldc, c1, overwrite);
        Store(c + 2 * ldc, c2, overwrite);
        Store(c + 3 * ldc, c3, overwrite);
        Store(c + 4 * ldc, c4, overwrite);
        Store(c + 5 * ldc, c5, overwrite);
        Store(c + 6 * ldc, c6, overwrite);
        Store(c + 7 * ldc, c7, overwrite);
    }

    private static unsafe void Store(float* row, Vector512<float> sum, bool overwrite) =>
        (overwrite ? sum : sum + Vector512.Load(row)).Store(row);
}
