namespace MiniNet.Kernels;

/// <summary>
/// The innermost loop of the float32 matrix multiply: one Rows×Columns tile of C from a Rows-row panel of op(A) and a
/// Columns-column panel of op(B), each packed or read in place. The tile's sums live in registers for the whole depth, so
/// each step of the depth loop is one load of B's row, one broadcast per row of A, and Rows·Columns multiply-adds; nothing
/// touches C until the end.
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
    /// tile = Σ_p a[p·aStride + r]·b[p·bStride + j] over p &lt; <paramref name="depth"/>; then C = tile when
    /// <paramref name="overwrite"/>, else C += tile, for the Rows×Columns block at <paramref name="c"/> (row stride
    /// <paramref name="ldc"/>). A packed panel has stride Rows (Columns); an operand read in place has its row stride.
    /// </summary>
    static abstract unsafe void Run(int depth, float* a, nint aStride, float* b, nint bStride, float* c, nint ldc, bool overwrite);

    /// <summary>Whether the kernel has <see cref="RunRows"/>, reading op(A)'s rows where they are stored.</summary>
    static virtual bool ReadsRows => false;

    /// <summary>
    /// <see cref="Run"/> with op(A) as stored row-major, Rows rows <paramref name="lda"/> apart, each read along its depth
    /// (element (r, p) at a[r·lda + p]): no packed copy. The same multiply-adds in the same order, so the same bits.
    /// </summary>
    static virtual unsafe void RunRows(int depth, float* a, nint lda, float* b, nint bStride, float* c, nint ldc, bool overwrite) =>
        throw new NotSupportedException("this micro-kernel reads op(A) packed only");

    /// <summary>x·y + <paramref name="sum"/> for one element, rounded as <see cref="Run"/> rounds each step of its sums
    /// (once when it fuses the multiply-add, twice when it does not), for the unblocked path (<see cref="GemmDirect{TKernel}"/>).</summary>
    static abstract float MultiplyAdd(float x, float y, float sum);
}
