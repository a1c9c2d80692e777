using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MiniNet.Kernels;

/// <summary>
/// The innermost loop of the float32 matrix multiply: one Rows×Columns tile of C from a packed Rows-row panel of op(A) and a
/// packed Columns-column panel of op(B). The tile's sums live in registers for the whole depth, so each step of the depth loop
/// is one load of B's row, one broadcast per row of A, and Rows·Columns multiply-adds; nothing touches C until the end.
/// </summary>
/// <remarks>
/// The driver is generic over the kernel (a struct), so the JIT specialises it and <see cref="Rows"/>/<see cref="Columns"/>
/// are constants in the packing and blocking loops. Every kernel adds the products of one output element in depth order,
/// starting from zero, so a tile's values do not depend on where the driver's blocking or threading put it.
/// </remarks>
internal interface IGemmMicroKernel
{
    /// <summary>Rows of the tile: the height of a packed A panel.</summary>
    static abstract int Rows { get; }

    /// <summary>Columns of the tile: the width of a packed B panel.</summary>
    static abstract int Columns { get; }

    /// <summary>Whether this machine runs the kernel's instructions in hardware.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>
    /// tile = Σ_p a[p·Rows + r]·b[p·Columns + j] over p &lt; <paramref name="depth"/>; then C = tile when
    /// <paramref name="overwrite"/>, else C += tile, for the Rows×Columns block at <paramref name="c"/> (row stride
    /// <paramref name="ldc"/>).
    /// </summary>
    static abstract unsafe void Run(int depth, float* a, float* b, float* c, nint ldc, bool overwrite);
}

/// <summary>8×32 tile in 16 AVX-512 registers (two per row). On Zen 4, which runs a 512-bit FMA as two 256-bit halves, this
/// keeps both FMA pipes busy with half the instructions of the 256-bit kernel and enough independent sums to hide latency.</summary>
internal readonly struct Avx512MicroKernel : IGemmMicroKernel
{
    /// <inheritdoc />
    public static int Rows => 8;

    /// <inheritdoc />
    public static int Columns => 32;

    /// <inheritdoc />
    public static bool IsSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <inheritdoc />
    public static unsafe void Run(int depth, float* a, float* b, float* c, nint ldc, bool overwrite)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < depth; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var x = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(x, b0, c00); c01 = Avx512F.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(x, b0, c10); c11 = Avx512F.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(x, b0, c20); c21 = Avx512F.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(x, b0, c30); c31 = Avx512F.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(x, b0, c40); c41 = Avx512F.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(x, b0, c50); c51 = Avx512F.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(x, b0, c60); c61 = Avx512F.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(x, b0, c70); c71 = Avx512F.FusedMultiplyAdd(x, b1, c71);
            a += 8;
            b += 32;
        }
        StoreRow(c, c00, c01, overwrite);
        StoreRow(c + ldc, c10, c11, overwrite);
        StoreRow(c + 2 * ldc, c20, c21, overwrite);
        StoreRow(c + 3 * ldc, c30, c31, overwrite);
        StoreRow(c + 4 * ldc, c40, c41, overwrite);
        StoreRow(c + 5 * ldc, c50, c51, overwrite);
        StoreRow(c + 6 * ldc, c60, c61, overwrite);
        StoreRow(c + 7 * ldc, c70, c71, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow(float* row, Vector512<float> left, Vector512<float> right, bool overwrite)
    {
        if (!overwrite)
        {
            left += Vector512.Load(row);
            right += Vector512.Load(row + 16);
        }
        left.Store(row);
        right.Store(row + 16);
    }
}

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
    public static unsafe void Run(int depth, float* a, float* b, float* c, nint ldc, bool overwrite)
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
            a += 6;
            b += 16;
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
    public static unsafe void Run(int depth, float* a, float* b, float* c, nint ldc, bool overwrite)
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
            a += 4;
            b += 2 * width;
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

/// <summary>4×4 tile in scalar locals: the fallback when the runtime accelerates no SIMD at all.</summary>
internal readonly struct ScalarMicroKernel : IGemmMicroKernel
{
    /// <inheritdoc />
    public static int Rows => 4;

    /// <inheritdoc />
    public static int Columns => 4;

    /// <inheritdoc />
    public static bool IsSupported => true;

    /// <inheritdoc />
    public static unsafe void Run(int depth, float* a, float* b, float* c, nint ldc, bool overwrite)
    {
        var tile = stackalloc float[16];
        for (int i = 0; i < 16; i++) tile[i] = 0f;
        for (int p = 0; p < depth; p++)
        {
            for (int r = 0; r < 4; r++)
            {
                float x = a[r];
                for (int j = 0; j < 4; j++) tile[r * 4 + j] += x * b[j];
            }
            a += 4;
            b += 4;
        }
        for (int r = 0; r < 4; r++)
        for (int j = 0; j < 4; j++)
            c[r * ldc + j] = overwrite ? tile[r * 4 + j] : c[r * ldc + j] + tile[r * 4 + j];
    }
}
