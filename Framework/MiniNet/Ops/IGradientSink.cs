using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Where an op's backward pass adds its inputs' gradient contributions (implemented by the tape).</summary>
public interface IGradientSink
{
    /// <summary>The gradient buffer of <paramref name="input"/> to add into, or false when no gradient is wanted for it
    /// (it is neither watched nor computed from something watched).</summary>
    bool TryGetGradient<T>(Tensor input, out Span<T> gradient) where T : unmanaged;
}
