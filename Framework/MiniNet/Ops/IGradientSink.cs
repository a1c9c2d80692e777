using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Where an op's backward pass adds its inputs' gradient contributions (implemented by the tape).</summary>
public interface IGradientSink
{
    /// <summary>The gradient buffer of <paramref name="input"/> to add into, or false when no gradient is wanted for it
    /// (it is neither watched nor computed from something watched).</summary>
    bool TryGetGradient<T>(Tensor input, out Span<T> gradient) where T : unmanaged;

    /// <summary>As <see cref="TryGetGradient{T}(Tensor, out Span{T})"/>, for an op that computes its whole contribution in one
    /// go: <paramref name="overwrite"/> is true when nothing has reached the buffer yet, and the op must then write every
    /// element instead of adding (the buffer is not cleared first). A weight gradient is then written once instead of
    /// cleared, read and written again.</summary>
    bool TryGetGradient<T>(Tensor input, out Span<T> gradient, out bool overwrite) where T : unmanaged
    {
        overwrite = false;
        return TryGetGradient(input, out gradient);
    }
}
