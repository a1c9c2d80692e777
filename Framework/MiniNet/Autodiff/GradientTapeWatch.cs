using MiniNet.Tensors;

namespace MiniNet.Autodiff;

// Watching a tensor that is not a trainable variable, such as an input, to ask for its gradient.
public sealed partial class GradientTape
{
    /// <summary>Watches <paramref name="tensor"/>, so ops on it are recorded and gradients with respect to it can be asked for.</summary>
    public void Watch(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        (_tracked ??= new(ReferenceEqualityComparer.Instance)).Add(tensor);
    }
}
