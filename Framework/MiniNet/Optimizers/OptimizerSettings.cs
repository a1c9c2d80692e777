using System.Numerics;
using MiniNet.Kernels;
using MiniNet.Tensors;
using MiniNet.Optimizers.Schedules;

namespace MiniNet.Optimizers;

// What a user may set on an optimizer besides its fixed rate, before training: a learning-rate schedule and gradient
// clipping, which ApplyGradients reads at each step. An optimizer that wraps another (Keras's LossScaleOptimizer) overrides
// ApplyGradients and hands the state members (the learning rate, schedule, clipping, step count, slots and state export)
// on to the one it wraps.
public abstract partial class Optimizer
{
    private double? _clipNorm, _clipValue;
    private Array? _scaled; // a gradient scaled by the global norm's factor, as GradientClipping.ClipByGlobalNorm's copies

    /// <summary>
    /// Where the learning rate comes from, Keras style: before each step the optimizer asks the schedule for the rate at step
    /// <see cref="Iterations"/> (0 for the first step) and passes it to <see cref="UpdateStep{T}"/>; the update rules never see
    /// the schedule. Null (the default) uses the fixed <see cref="LearningRate"/>.
    /// </summary>
    public virtual LearningRateSchedule? Schedule { get; set; }

    /// <summary>
    /// Clipping by global norm (Keras's <c>global_clipnorm</c>, TensorFlow's <c>clip_by_global_norm</c>): when the norm
    /// ‖g‖ = √(Σ g²) over all the gradients of one <see cref="ApplyGradients(IReadOnlyList{Tensor}, IReadOnlyList{Variable})"/> call exceeds this value, each gradient is
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

    /// <summary>Copies of the gradients clamped to ±<see cref="ClipValue"/> (null where there is none).</summary>
    private Tensor?[] ClippedByValue(IReadOnlyList<Tensor?> gradients) =>
        [.. gradients.Select(gradient => gradient is { } ? GradientClipping.ClipByValue(gradient, ClipValue!.Value) : null)];

    /// <summary>The gradient the update reads: the caller's itself, or, when clipping by global norm scales it down, a copy
    /// scaled by <paramref name="scale"/> (as <see cref="GradientClipping.ClipByGlobalNorm"/> makes) in a buffer kept for it.</summary>
    private ReadOnlySpan<T> Scaled<T>(Tensor gradient, double scale) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (scale == 1) return gradient.AsSpan<T>();
        if (_scaled is not T[] buffer || buffer.Length < gradient.Length) _scaled = buffer = new T[gradient.Length];
        var scaled = buffer.AsSpan(0, gradient.Length);
        ElementwiseKernels.Scale(gradient.AsSpan<T>(), T.CreateChecked(scale), scaled);
        return scaled;
    }
}
