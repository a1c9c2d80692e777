using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

// Attention's rearrangements and softmax, whose input gradients the sink lets a kernel write straight into the gradient
// buffer: a fresh buffer is then written once instead of cleared, read and written again.
public partial interface IGradientSink
{
    /// <summary>gradient(<paramref name="input"/>) += the heads layout's rows moved back to the sequence (see
    /// <see cref="HeadsLayout.ToSequence{T}"/>), <paramref name="input"/> being the (batch, time, features) sequence.</summary>
    void AddSplitHeadsGradient<T>(Tensor input, ReadOnlySpan<T> outputGradient, HeadsLayout layout)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;

    /// <summary>gradient(<paramref name="input"/>) += the sequence's rows moved to the heads layout (see
    /// <see cref="HeadsLayout.ToHeads{T}"/>), <paramref name="input"/> being (batch, heads, time, D).</summary>
    void AddMergeHeadsGradient<T>(Tensor input, ReadOnlySpan<T> outputGradient, HeadsLayout layout)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;

    /// <summary>gradient(<paramref name="input"/>) += the masked softmax's input gradient (see
    /// <see cref="MaskedSoftmaxKernels.BackwardAdd{T}"/>), <paramref name="y"/> its output.</summary>
    void AddMaskedSoftmaxGradient<T>(Tensor input, ReadOnlySpan<T> y, ReadOnlySpan<T> outputGradient, int rows, int queries, int keys, T scale, bool causal)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;
}
