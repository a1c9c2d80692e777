using System.Numerics;
using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Autodiff;

// A convolution's two gradients, written by its kernels straight into the buffers (overwriting where first), and
// whether an input wants a gradient (Dropout's and BatchNormalization's backward ask).
internal sealed partial class GradientAccumulator
{
    public bool WantsGradient(Tensor input) => tape.IsTracked(input);

    public void AddConvGradients<T>(Tensor input, Tensor kernel, ReadOnlySpan<T> outputGradient, in ConvGeometry geometry)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool wantsInput = TryGetBuffer(input, zeroed: false, out var inputGradient, out bool freshInput);
        bool wantsKernel = TryGetBuffer(kernel, zeroed: false, out var kernelGradient, out bool freshKernel);
        ConvKernels.Gradients(input.AsSpan<T>(), kernel.AsSpan<T>(), outputGradient, wantsInput ? inputGradient.AsSpan<T>() : default,
            wantsKernel ? kernelGradient.AsSpan<T>() : default, geometry, accumulateInput: !freshInput, accumulateKernel: !freshKernel);
    }
}
