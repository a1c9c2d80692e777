namespace MiniNet.Kernels;

/// <summary>
/// The float32 matrix multiply without blocking or packing, for products too small to repay them (a playground's layers of
/// four units, a batch of ten): each element of C is summed in depth order from zero with the micro-kernel's own
/// multiply-add (<see cref="IGemmMicroKernel.MultiplyAdd"/>), then stored in C or added to it, exactly as the kernel's tile
/// would be, so a product has the same bits whichever path takes it.
/// </summary>
internal static unsafe class GemmDirect<TKernel> where TKernel : struct, IGemmMicroKernel
{
    /// <summary>C (m×n, row-major) = op(A)·op(B), or += with <paramref name="accumulate"/>; op(A) and op(B) as seen through
    /// their strides (see <see cref="GemmOperand"/>), leaving out <paramref name="triangle"/>. The depth must fit one of the
    /// blocked path's depth blocks.</summary>
    public static void Multiply(in GemmOperand a, in GemmOperand b, float* c, int m, int k, int n, bool accumulate, MatMulTriangle triangle = MatMulTriangle.None)
    {
        for (int i = 0; i < m; i++)
        {
            float* row = a.Data + i * a.LaneStride;
            int from = triangle == MatMulTriangle.UpperA ? i : 0, to = triangle == MatMulTriangle.LowerA ? i + 1 : k;
            for (int j = 0; j < n; j++)
            {
                float* column = b.Data + j * b.LaneStride;
                float sum = 0f;
                if (triangle != MatMulTriangle.LowerResult || j <= i)
                    for (int p = from; p < to; p++) sum = TKernel.MultiplyAdd(row[p * a.DepthStride], column[p * b.DepthStride], sum);
                float* element = c + (nint)i * n + j;
                *element = accumulate ? *element + sum : sum;
            }
        }
    }
}
