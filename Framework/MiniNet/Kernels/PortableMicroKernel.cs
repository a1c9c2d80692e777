using System.Numerics;
using System.Runtime.CompilerServices;

namespace MiniNet.Kernels;

/// <summary>4×(2·<see cref="Vector{T}.Count"/>) tile in <see cref="Vector{T}"/> registers, for any SIMD the runtime
/// accelerates (Arm NEON, x64 without FMA). It uses <see cref="Vector.MultiplyAddEstimate(Vector{float}, Vector{float}, Vector{float})"/>,
/// which fuses where the hardware can and multiplies then adds where it cannot.</summary>
internal readonly struct PortableMicroKernel : IGemmMicroKernel
{
    /// <inheritdoc />
    public static int Rows => 4;

    /// <inheritdoc />
    public static int Columns => 2 * Vector<float>.Count;

    /// <inheritdoc />
    public static bool IsSupported => Vector.IsHardwareAccelerated;

    /// <inheritdoc />
    public static float MultiplyAdd(float x, float y, float sum) => Fuses ? MathF.FusedMultiplyAdd(x, y, sum) : x * y + sum;

    /// <summary>Whether <see cref="Vector.MultiplyAddEstimate(Vector{float}, Vector{float}, Vector{float})"/> rounds once here:
    /// (1 + 2⁻¹²)² − (1 + 2⁻¹¹) is 2⁻²⁴ exactly, and 0 when the product is rounded to float first.</summary>
    private static readonly bool Fuses = Vector.MultiplyAddEstimate(new Vector<float>(1 + 1f / 4096), new Vector<float>(1 + 1f / 4096),
        new Vector<float>(-(1 + 1f / 2048)))[0] != 0;

    /// <inheritdoc />
    public static unsafe void Run(int depth, float* a, nint aStride, float* b, nint bStride, float* c, nint ldc, bool overwrite)
    {
        int width = Vector<float>.Count;
        Vector<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < depth; p++)
        {
            var b0 = Vector.Load(b);
            var b1 = Vector.Load(b + width);
            var x = new Vector<float>(a[0]);
            c00 = Vector.MultiplyAddEstimate(x, b0, c00); c01 = Vector.MultiplyAddEstimate(x, b1, c01);
            x = new Vector<float>(a[1]);
            c10 = Vector.MultiplyAddEstimate(x, b0, c10); c11 = Vector.MultiplyAddEstimate(x, b1, c11);
            x = new Vector<float>(a[2]);
            c20 = Vector.MultiplyAddEstimate(x, b0, c20); c21 = Vector.MultiplyAddEstimate(x, b1, c21);
            x = new Vector<float>(a[3]);
            c30 = Vector.MultiplyAddEstimate(x, b0, c30); c31 = Vector.MultiplyAddEstimate(x, b1, c31);
            a += aStride;
            b += bStride;
        }
        StoreRow(c, c00, c01, overwrite);
        StoreRow(c + ldc, c10, c11, overwrite);
        StoreRow(c + 2 * ldc, c20, c21, overwrite);
        StoreRow(c + 3 * ldc, c30, c31, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow(float* row, Vector<float> left, Vector<float> right, bool overwrite)
    {
        int width = Vector<float>.Count;
        if (!overwrite)
        {
            left += Vector.Load(row);
            right += Vector.Load(row + width);
        }
        left.Store(row);
        right.Store(row + width);
    }
}
