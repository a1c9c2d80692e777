using System.Numerics;
using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Autodiff;

// Attention's input gradients, written by their kernels into the buffer, which the kernel clears itself when it is the first.
internal sealed partial class GradientAccumulator
{
    public void AddSplitHeadsGradient<T>(Tensor input, ReadOnlySpan<T> outputGradient, HeadsLayout layout) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!TryGetBuffer(input, zeroed: false, out var buffer, out bool fresh)) return;
        if (fresh) layout.ToClearedSequence(outputGradient, buffer.AsSpan<T>());
        else layout.ToSequence(outputGradient, buffer.AsSpan<T>(), add: true);
    }

    public void AddMergeHeadsGradient<T>(Tensor input, ReadOnlySpan<T> outputGradient, HeadsLayout layout) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!TryGetBuffer(input, zeroed: false, out var buffer, out bool fresh)) return;
        if (fresh) layout.ToClearedHeads(outputGradient, buffer.AsSpan<T>());
        else layout.ToHeads(outputGradient, buffer.AsSpan<T>(), add: true);
    }

    public void AddMaskedSoftmaxGradient<T>(Tensor input, ReadOnlySpan<T> y, ReadOnlySpan<T> outputGradient, int rows, int queries, int keys, T scale, bool causal)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (TryGetBuffer(input, zeroed: false, out var buffer, out bool fresh))
            MaskedSoftmaxKernels.BackwardAdd(y, outputGradient, buffer.AsSpan<T>(), rows, queries, keys, scale, causal, overwrite: fresh);
    }
}
