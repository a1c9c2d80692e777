using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

// A convolution's two gradient contributions, which the sink lets a kernel write straight into the gradient buffer.
public partial interface IGradientSink
{
    /// <summary>gradient(<paramref name="input"/>) += col2im(dY · Wᵀ), a convolution's input gradient (see
    /// <see cref="ConvKernels.InputGradient{T}"/>).</summary>
    void AddConvInputGradient<T>(Tensor input, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> kernel, in ConvGeometry geometry)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;

    /// <summary>gradient(<paramref name="input"/>) += colsᵀ · dY, a convolution's kernel gradient (see
    /// <see cref="ConvKernels.KernelGradient{T}"/>).</summary>
    void AddConvKernelGradient<T>(Tensor input, ReadOnlySpan<T> x, ReadOnlySpan<T> outputGradient, in ConvGeometry geometry)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;
}
