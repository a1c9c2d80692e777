using System.Numerics;
using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Autodiff;

// A pooling op's input gradient, written by its kernel into the buffer, which the kernel clears itself when it is the first.
internal sealed partial class GradientAccumulator
{
    public void AddMaxPoolGradient<T>(Tensor input, ReadOnlySpan<T> positions, ReadOnlySpan<T> outputGradient, PoolingGeometry geometry)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (TryGetBuffer(input, zeroed: false, out var buffer, out bool fresh))
            PoolingKernels.MaxPoolAddGradient(positions, outputGradient, buffer.AsSpan<T>(), geometry, overwrite: fresh);
    }

    public void AddAveragePoolGradient<T>(Tensor input, ReadOnlySpan<T> outputGradient, PoolingGeometry geometry)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (TryGetBuffer(input, zeroed: false, out var buffer, out bool fresh))
            PoolingKernels.AveragePoolAddGradient(outputGradient, buffer.AsSpan<T>(), geometry, overwrite: fresh);
    }
}
