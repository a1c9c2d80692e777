using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

// A pooling op's input gradient, which the sink lets the kernel write straight into the gradient buffer.
public partial interface IGradientSink
{
    /// <summary>gradient(<paramref name="input"/>) += max pooling's input gradient (see <see cref="PoolingKernels.MaxPoolAddGradient{T}"/>),
    /// <paramref name="positions"/> the window positions of the maxima, which the forward pass recorded.</summary>
    void AddMaxPoolGradient<T>(Tensor input, ReadOnlySpan<T> positions, ReadOnlySpan<T> outputGradient, PoolingGeometry geometry)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;

    /// <summary>gradient(<paramref name="input"/>) += average pooling's input gradient (see <see cref="PoolingKernels.AveragePoolAddGradient{T}"/>).</summary>
    void AddAveragePoolGradient<T>(Tensor input, ReadOnlySpan<T> outputGradient, PoolingGeometry geometry)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;
}
