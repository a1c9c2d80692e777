namespace MiniNet.Kernels;

/// <summary>Copies equal blocks between two row-major arrays at fixed strides: the data movement behind taking part of a
/// tensor along one axis (a time step, a gate's columns) and putting parts back together.</summary>
public static class SliceKernels
{
    /// <summary>For each of <paramref name="count"/> blocks b, destination[b·destinationStride + destinationOffset ..] gets the
    /// <paramref name="blockLength"/> values at source[b·sourceStride + sourceOffset ..]; added to what is there when
    /// <paramref name="accumulate"/> is set.</summary>
    public static void CopyBlocks<T>(ReadOnlySpan<T> source, int sourceStride, int sourceOffset,
        Span<T> destination, int destinationStride, int destinationOffset, int blockLength, int count, bool accumulate = false)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        for (int block = 0; block < count; block++)
        {
            var from = source.Slice(block * sourceStride + sourceOffset, blockLength);
            var to = destination.Slice(block * destinationStride + destinationOffset, blockLength);
            if (accumulate) System.Numerics.Tensors.TensorPrimitives.Add(to, from, to);
            else from.CopyTo(to);
        }
    }
}
