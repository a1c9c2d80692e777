namespace MiniNet.Optimizers;

// Gradient clipping, by value and by global norm, applied to copies before the update.
public abstract partial class Optimizer
{
    private double? _clipNorm, _clipValue;

    /// <summary>
    /// Clipping by global norm (Keras's <c>global_clipnorm</c>, TensorFlow's <c>clip_by_global_norm</c>): when the norm
    /// ‖g‖ = √(Σ g²) over all the gradients of one <see cref="ApplyGradients"/> call exceeds this value, each gradient is
    /// multiplied by ClipNorm / ‖g‖. Applied to copies (see <see cref="GradientClipping"/>); null (default) does not clip.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not finite and &gt; 0.</exception>
    public double? ClipNorm { get => _clipNorm; set => _clipNorm = value is double limit ? Positive(limit, nameof(ClipNorm)) : null; }

    /// <summary>
    /// Clipping by value (Keras's <c>clipvalue</c>): each gradient element is clamped to [-ClipValue, ClipValue] before the
    /// update and before <see cref="ClipNorm"/>. Applied to copies (see <see cref="GradientClipping"/>); null (default) does not clip.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not finite and &gt; 0.</exception>
    public double? ClipValue { get => _clipValue; set => _clipValue = value is double limit ? Positive(limit, nameof(ClipValue)) : null; }
}
