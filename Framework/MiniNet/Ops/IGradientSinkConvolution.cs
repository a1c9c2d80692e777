using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

// What the layers besides Dense need: a convolution's two gradient contributions, which the sink lets a kernel write
// straight into the gradient buffer, and whether an input wants a gradient at all (Dropout, BatchNormalization).
public partial interface IGradientSink
{
    /// <summary>Whether <paramref name="input"/> wants a gradient, so an op can skip working out a contribution nobody reads.</summary>
    bool WantsGradient(Tensor input);

    /// <summary>gradient(<paramref name="input"/>) += col2im(dY · Wᵀ) and gradient(<paramref name="kernel"/>) += colsᵀ · dY, a
    /// convolution's two gradients (see <see cref="ConvKernels.Gradients{T}"/>), each only if that tensor wants one.</summary>
    void AddConvGradients<T>(Tensor input, Tensor kernel, ReadOnlySpan<T> outputGradient, in ConvGeometry geometry)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;
}
