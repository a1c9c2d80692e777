using System.Numerics;
using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Autodiff;

// A convolution's two gradients, each written by its kernel straight into the buffer (overwriting when it is the first), and
// whether an input wants a gradient (Dropout's and BatchNormalization's backward ask).
internal sealed partial class GradientAccumulator
{
    public bool WantsGradient(Tensor input) => tape.IsTracked(input);

    public void AddConvInputGradient<T>(Tensor input, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> kernel, in ConvGeometry geometry)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (TryGetBuffer(input, zeroed: false, out var buffer, out bool fresh))
            ConvKernels.InputGradient(outputGradient, kernel, buffer.AsSpan<T>(), geometry, accumulate: !fresh);
    }

    public void AddConvKernelGradient<T>(Tensor input, ReadOnlySpan<T> x, ReadOnlySpan<T> outputGradient, in ConvGeometry geometry)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (TryGetBuffer(input, zeroed: false, out var buffer, out bool fresh))
            ConvKernels.KernelGradient(x, outputGradient, buffer.AsSpan<T>(), geometry, accumulate: !fresh);
    }
}
