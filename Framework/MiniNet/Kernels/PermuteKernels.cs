using MiniNet.Tensors;

namespace MiniNet.Kernels;

/// <summary>Reorders the axes of a row-major array into a new contiguous array (the data movement behind transpose).</summary>
public static class PermuteKernels
{
    /// <summary>y[i_axes[0], ..., i_axes[r-1]] = x[i_0, ..., i_{r-1}]: output dimension d is input dimension <paramref name="axes"/>[d].
    /// When <paramref name="accumulate"/> is set, adds into y instead of overwriting it.</summary>
    public static void Permute<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, Span<T> y, bool accumulate = false)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int rank = shape.Length;
        if (rank == 2 && axes[0] == 1)
        {
            int rows = shape[0], cols = shape[1];
            for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                if (accumulate) y[j * rows + i] += x[i * cols + j];
                else y[j * rows + i] = x[i * cols + j];
            }
            return;
        }
        var inputStrides = ShapeMath.Strides(shape);
        var outShape = new int[rank];
        var strideOfOutputDim = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            outShape[d] = shape[axes[d]];
            strideOfOutputDim[d] = inputStrides[axes[d]];
        }
        var index = new int[rank];
        for (int flat = 0; flat < y.Length; flat++)
        {
            int source = 0;
            for (int d = 0; d < rank; d++) source += index[d] * strideOfOutputDim[d];
            if (accumulate) y[flat] += x[source];
            else y[flat] = x[source];
            for (int d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < outShape[d]) break;
                index[d] = 0;
            }
        }
    }
}
