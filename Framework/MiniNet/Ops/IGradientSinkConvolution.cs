using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

// What the layers besides Dense need: a convolution's two gradient contributions, which the sink lets a kernel write
// straight into the gradient buffer, and whether an input wants a gradient at all (Dropout, BatchNormalization).
public partial interface IGradientSink
{
    /// <summary>Whether <paramref name="input"/> wants a gradient, so an op can skip working out a contribution nobody reads.</summary>
    bool WantsGradient(Tensor input);

    /// <summary>gradient(<paramref name="input"/>) += col2im(dY · Wᵀ), a convolution's input gradient (see
    /// <see cref="ConvKernels.InputGradient{T}"/>).</summary>
    void AddConvInputGradient<T>(Tensor input, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> kernel, in ConvGeometry geometry)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;

    /// <summary>gradient(<paramref name="input"/>) += colsᵀ · dY, a convolution's kernel gradient (see
    /// <see cref="ConvKernels.KernelGradient{T}"/>).</summary>
    void AddConvKernelGradient<T>(Tensor input, ReadOnlySpan<T> x, ReadOnlySpan<T> outputGradient, in ConvGeometry geometry)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;
}
