using MiniNet.Optimizers.Schedules;

namespace MiniNet.Optimizers;

// What a user may set on an optimizer besides its fixed rate, before training: a learning-rate schedule and gradient
// clipping, which ApplyGradients reads at each step. An optimizer that wraps another (Keras's LossScaleOptimizer) overrides
// ApplyGradients and hands the state members (the learning rate, schedule, clipping, step count, slots and state export)
// on to the one it wraps.
public abstract partial class Optimizer
{
    private double? _clipNorm, _clipValue;

    /// <summary>
    /// Where the learning rate comes from, Keras style: before each step the optimizer asks the schedule for the rate at step
    /// <see cref="Iterations"/> (0 for the first step) and passes it to <see cref="UpdateStep{T}"/>; the update rules never see
    /// the schedule. Null (the default) uses the fixed <see cref="LearningRate"/>.
    /// </summary>
    public virtual LearningRateSchedule? Schedule { get; set; }

    /// <summary>
    /// Clipping by global norm (Keras's <c>global_clipnorm</c>, TensorFlow's <c>clip_by_global_norm</c>): when the norm
    /// ‖g‖ = √(Σ g²) over all the gradients of one <see cref="ApplyGradients"/> call exceeds this value, each gradient is
    /// multiplied by ClipNorm / ‖g‖. Applied to copies (see <see cref="GradientClipping"/>); null (default) does not clip.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not finite and &gt; 0.</exception>
    public virtual double? ClipNorm { get => _clipNorm; set => _clipNorm = value is double limit ? Positive(limit, nameof(ClipNorm)) : null; }

    /// <summary>
    /// Clipping by value (Keras's <c>clipvalue</c>): each gradient element is clamped to [-ClipValue, ClipValue] before the
    /// update and before <see cref="ClipNorm"/>. Applied to copies (see <see cref="GradientClipping"/>); null (default) does not clip.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not finite and &gt; 0.</exception>
    public virtual double? ClipValue { get => _clipValue; set => _clipValue = value is double limit ? Positive(limit, nameof(ClipValue)) : null; }
}
