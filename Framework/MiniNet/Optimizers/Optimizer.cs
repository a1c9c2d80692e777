using System.Numerics;
using System.Runtime.CompilerServices;
using MiniNet.Optimizers.Schedules;
using MiniNet.Tensors;

namespace MiniNet.Optimizers;

/// <summary>
/// The base of every optimizer, which does the bookkeeping: gradients checked against variables, optional clipping, the
/// learning rate of each step (fixed, or from a <see cref="Schedule"/>), slots created once and shaped like their variable,
/// the step count, and that state's export for checkpoints. A subclass writes only <see cref="UpdateStep{T}"/>, the
/// update of one variable. Used as in TensorFlow: <c>optimizer.ApplyGradients(gradients.Zip(model.TrainableVariables))</c>.
/// </summary>
public abstract class Optimizer
{
    private readonly Dictionary<Variable, Dictionary<string, Tensor>> _slots = new(ReferenceEqualityComparer.Instance);
    private double _fixedRate;
    private double? _clipNorm, _clipValue;

    /// <summary>Validates and stores the fixed learning rate.</summary>
    protected Optimizer(double learningRate) => LearningRate = learningRate;

    /// <summary>
    /// The learning rate the next step will use: <c>Schedule.RateAt(Iterations)</c> when a <see cref="Schedule"/> is set,
    /// else the fixed rate. Setting it sets the fixed rate, which may be changed between steps.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    /// <exception cref="InvalidOperationException">Set while a <see cref="Schedule"/> is in use.</exception>
    public double LearningRate
    {
        get => Schedule?.RateAt(Iterations) ?? _fixedRate;
        set
        {
            if (Schedule != null)
                throw new InvalidOperationException("optimizer: the learning rate comes from the schedule; set Schedule to null before setting a fixed rate");
            _fixedRate = double.IsFinite(value) && value >= 0 ? value
                : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, $"optimizer: learning rate must be a finite number >= 0, got {value}");
        }
    }

    /// <summary>
    /// Where the learning rate comes from, Keras style: before each step the optimizer asks the schedule for the rate at step
    /// <see cref="Iterations"/> (0 for the first step) and passes it to <see cref="UpdateStep{T}"/>; the update rules never see
    /// the schedule. Null (the default) uses the fixed <see cref="LearningRate"/>.
    /// </summary>
    public LearningRateSchedule? Schedule { get; set; }

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

    /// <summary>How many steps (<see cref="ApplyGradients"/> calls) have completed, which is also the schedule's position;
    /// while a step runs, its number counted from 1 (Adam's t) is Iterations + 1.</summary>
    public long Iterations { get; private set; }

    /// <summary>Keras's <c>gradient_aggregator</c>: run on the step's gradients (one per variable, null where none) before they
    /// are clipped; it may replace any with a new tensor of the same shape and dtype, never modifying the caller's. Null by
    /// default. MiniNet.Distributed's <c>DistributedOptimizer</c> sets it to average the gradients over processes.</summary>
    public Action<Tensor?[], IReadOnlyList<Variable>>? GradientAggregator { get; set; }

    /// <summary>Clips the gradients if asked, updates each variable from its gradient at the rate <see cref="LearningRate"/>,
    /// and counts one step. A null gradient (the loss does not depend on that variable) leaves the variable and its state
    /// untouched, as PyTorch skips parameters without a gradient. The caller's gradient tensors are never modified.</summary>
    /// <param name="gradientsAndVariables">Each variable with its gradient, or null for none.</param>
    /// <exception cref="ArgumentException">A gradient's shape or dtype differs from its variable's, or a variable is not trainable.</exception>
    public void ApplyGradients(IEnumerable<(Tensor? Gradient, Variable Variable)> gradientsAndVariables)
    {
        ArgumentNullException.ThrowIfNull(gradientsAndVariables);
        var pairs = gradientsAndVariables.ToList();
        foreach (var (gradient, variable) in pairs)
        {
            ArgumentNullException.ThrowIfNull(variable);
            if (!variable.Trainable) throw new ArgumentException($"optimizer: variable '{variable.Name}' is not trainable");
            if (gradient != null && (!gradient.Shape.SequenceEqual(variable.Shape) || gradient.DType != variable.DType))
                throw new ArgumentException($"optimizer: gradient {ShapeMath.Format([.. gradient.Shape])} {Tensor.DTypeName(gradient.DType)} does not match variable '{variable.Name}' {ShapeMath.Format([.. variable.Shape])} {Tensor.DTypeName(variable.DType)}");
        }
        Tensor?[] gradients = [.. pairs.Select(pair => pair.Gradient)];
        GradientAggregator?.Invoke(gradients, [.. pairs.Select(pair => pair.Variable)]);
        if (ClipValue is double clipValue) gradients = [.. gradients.Select(g => g == null ? null : GradientClipping.ClipByValue(g, clipValue))];
        if (ClipNorm is double clipNorm) gradients = GradientClipping.ClipByGlobalNorm(gradients, clipNorm);
        double learningRate = LearningRate;
        for (int i = 0; i < pairs.Count; i++)
        {
            if (gradients[i] is not { } gradient) continue;
            if (gradient.DType == DType.Float32) UpdateStep(pairs[i].Variable, gradient.AsSpan<float>(), (float)learningRate);
            else UpdateStep(pairs[i].Variable, gradient.AsSpan<double>(), learningRate);
        }
        Iterations++;
    }

    /// <summary>Updates one variable in place from its gradient at the given learning rate, for float32 (T = float) or float64 (T = double).</summary>
    protected abstract void UpdateStep<T>(Variable variable, ReadOnlySpan<T> gradient, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The elements of slot <paramref name="name"/> of <paramref name="variable"/>, created on first use shaped like the
    /// variable with every element <paramref name="initialValue"/>.</summary>
    protected Span<T> Slot<T>(Variable variable, string name, double initialValue = 0) where T : unmanaged
    {
        if (!_slots.TryGetValue(variable, out var slots)) _slots[variable] = slots = [];
        if (!slots.TryGetValue(name, out var slot)) slots[name] = slot = Tensor.Full(initialValue, variable.ShapeArray, variable.DType);
        return slot.AsSpan<T>();
    }

    /// <summary>The state this optimizer keeps for <paramref name="variable"/>, by slot name (e.g. "velocity", "exp_avg"); empty before its first update.</summary>
    public IReadOnlyDictionary<string, Tensor> SlotsOf(Variable variable) =>
        _slots.TryGetValue(variable, out var slots) ? slots : new Dictionary<string, Tensor>();

    /// <summary>The configuration a restored state must share, as round-tripping invariant text: "type" ("Sgd"), every public
    /// property a subclass fixes at construction ("Momentum" → "0.9"), and the <see cref="Schedule"/>'s ("Schedule" → "none" or
    /// its type, "Schedule.InitialRate" → "0.1"), found by reflection, so a new optimizer is described without writing anything.</summary>
    public IReadOnlyDictionary<string, string> HyperParameters => OptimizerState.Describe(this);

    /// <summary>A copy of everything this optimizer carries between steps: its <see cref="HyperParameters"/>, the step count,
    /// the fixed learning rate, the clipping limits and every slot of every variable it has updated, named by the variable's
    /// name. Restore it with <see cref="ImportState"/>.</summary>
    public OptimizerState ExportState() => new(HyperParameters, Iterations, _fixedRate, ClipNorm, ClipValue,
        [.. _slots.SelectMany(variable => variable.Value.Select(slot => (variable.Key.Name, slot.Key, OptimizerState.Copy(slot.Value))))]);

    /// <summary>Replaces this optimizer's state with <paramref name="state"/>: step count, fixed learning rate, clipping limits,
    /// and the slots, matched to <paramref name="variables"/> by name. The hyper-parameters are checked, not restored. Everything
    /// is checked before anything changes, so a state that does not fit leaves the optimizer as it was.</summary>
    /// <param name="state">What <see cref="ExportState"/> returned, here or in an earlier process.</param>
    /// <param name="variables">The variables the slots belong to, e.g. a new model's <c>TrainableVariables</c>.</param>
    /// <exception cref="ArgumentException">A hyper-parameter differs, a slot names a variable that is not given or differs from
    /// it in shape or dtype, a slot appears twice, or a number is out of range; the message says which.</exception>
    public void ImportState(OptimizerState state, IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(state);
        var slots = state.SlotsFor(HyperParameters, variables);
        _slots.Clear();
        foreach (var (variable, ofVariable) in slots) _slots[variable] = ofVariable;
        (Iterations, _fixedRate, _clipNorm, _clipValue) = (state.Iterations, state.LearningRate, state.ClipNorm, state.ClipValue);
    }

    /// <summary>Returns <paramref name="value"/> if it is finite and ≥ 0, else throws an error naming this optimizer (e.g. "adam"), the parameter and the value.</summary>
    protected double NonNegative(double value, [CallerArgumentExpression(nameof(value))] string parameter = "") =>
        double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(parameter, value, $"{GetType().Name.ToLowerInvariant()}: {parameter} must be a finite number >= 0, got {value}");

    /// <summary>Returns <paramref name="value"/> if it is in [0, 1), else throws an error naming this optimizer (e.g. "adam"), the parameter and the value.</summary>
    protected double InUnitInterval(double value, [CallerArgumentExpression(nameof(value))] string parameter = "") =>
        value >= 0 && value < 1 ? value
            : throw new ArgumentOutOfRangeException(parameter, value, $"{GetType().Name.ToLowerInvariant()}: {parameter} must be in [0, 1), got {value}");

    internal static double Positive(double value, string parameter) => double.IsFinite(value) && value > 0 ? value
        : throw new ArgumentOutOfRangeException(parameter, value, $"optimizer: {parameter} must be a finite number > 0, got {value}");
}
