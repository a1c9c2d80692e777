using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MiniNet.Kernels;

/// <summary>6×16 tile in 12 AVX2 registers (two per row): the classic FMA3 kernel, which leaves 4 of the 16 registers for
/// B's row and A's broadcast.</summary>
internal readonly struct Fma256MicroKernel : IGemmMicroKernel
{
    /// <inheritdoc />
    public static int Rows => 6;

    /// <inheritdoc />
    public static int Columns => 16;

    /// <inheritdoc />
    public static bool IsSupported => Vector256.IsHardwareAccelerated && Fma.IsSupported;

    /// <inheritdoc />
    public static float MultiplyAdd(float x, float y, float sum) => MathF.FusedMultiplyAdd(x, y, sum);

    /// <inheritdoc />
    public static unsafe void Run(int depth, float* a, nint aStride, float* b, nint bStride, float* c, nint ldc, bool overwrite)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < depth; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var x = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(x, b0, c40); c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(x, b0, c50); c51 = Fma.MultiplyAdd(x, b1, c51);
            a += aStride;
            b += bStride;
        }
        StoreRow(c, c00, c01, overwrite);
        StoreRow(c + ldc, c10, c11, overwrite);
        StoreRow(c + 2 * ldc, c20, c21, overwrite);
        StoreRow(c + 3 * ldc, c30, c31, overwrite);
        StoreRow(c + 4 * ldc, c40, c41, overwrite);
        StoreRow(c + 5 * ldc, c50, c51, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow(float* row, Vector256<float> left, Vector256<float> right, bool overwrite)
    {
        if (!overwrite)
        {
            left += Vector256.Load(row);
            right += Vector256.Load(row + 8);
        }
        left.Store(row);
        right.Store(row + 8);
    }
}
