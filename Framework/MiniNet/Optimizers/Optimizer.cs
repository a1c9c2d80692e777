using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using MiniNet.Optimizers.Schedules;
using MiniNet.Tensors;

namespace MiniNet.Optimizers;

/// <summary>
/// The base of every optimizer. It does the bookkeeping: checking gradients against variables, optional gradient clipping
/// (<see cref="ClipValue"/>, <see cref="ClipNorm"/>), the learning rate of each step (fixed, or from a <see cref="Schedule"/>
/// at the step count), per-variable state slots created once and shaped like the variable, the step count, and the choice
/// between float32 and float64, and the export and import of all that state (<see cref="ExportState"/>, <see cref="ImportState"/>)
/// for checkpoints. A subclass writes only <see cref="UpdateStep{T}"/>, the update of one variable.
/// Used as in TensorFlow: <c>optimizer.ApplyGradients(gradients.Zip(model.TrainableVariables))</c>.
/// An <see cref="OptimizerWrapper"/> adds a stage to another optimizer and shares all of this with it.
/// </summary>
public abstract class Optimizer
{
    // Everything an optimizer carries from step to step, in one object so that a wrapper can share its wrapped optimizer's.
    private sealed class StepState
    {
        public readonly Dictionary<Variable, Dictionary<string, Tensor>> Slots = new(ReferenceEqualityComparer.Instance);
        public double LearningRate;
        public double? ClipNorm, ClipValue;
        public LearningRateSchedule? Schedule;
        public long Iterations;
    }

    private readonly StepState _state;
    // The optimizer whose update rule and hyper-parameters these are: this one, or the one at the bottom of a wrapper.
    private readonly Optimizer _rule;

    /// <summary>Validates and stores the fixed learning rate.</summary>
    protected Optimizer(double learningRate)
    {
        _state = new StepState();
        _rule = this;
        LearningRate = learningRate;
    }

    // An OptimizerWrapper's: the wrapped optimizer's state and rule, shared.
    private protected Optimizer(Optimizer wrapped)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        _state = wrapped._state;
        _rule = wrapped._rule;
    }

    /// <summary>
    /// The learning rate the next step will use: <c>Schedule.RateAt(Iterations)</c> when a <see cref="Schedule"/> is set,
    /// else the fixed rate. Setting it sets the fixed rate, which may be changed between steps.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    /// <exception cref="InvalidOperationException">Set while a <see cref="Schedule"/> is in use.</exception>
    public double LearningRate
    {
        get => Schedule?.RateAt(Iterations) ?? _state.LearningRate;
        set
        {
            if (Schedule != null)
                throw new InvalidOperationException("optimizer: the learning rate comes from the schedule; set Schedule to null before setting a fixed rate");
            if (!double.IsFinite(value) || value < 0)
                throw new ArgumentOutOfRangeException(nameof(LearningRate), value, $"optimizer: learning rate must be a finite number >= 0, got {value}");
            _state.LearningRate = value;
        }
    }

    /// <summary>
    /// Where the learning rate comes from, Keras style: before each step the optimizer asks the schedule for the rate at step
    /// <see cref="Iterations"/> (0 for the first step) and passes it to <see cref="UpdateStep{T}"/>; the update rules never see
    /// the schedule. Null (the default) uses the fixed <see cref="LearningRate"/>.
    /// </summary>
    public LearningRateSchedule? Schedule
    {
        get => _state.Schedule;
        set => _state.Schedule = value;
    }

    /// <summary>
    /// Clipping by global norm (Keras's <c>global_clipnorm</c>, TensorFlow's <c>clip_by_global_norm</c>): when the norm
    /// ‖g‖ = √(Σ g²) over all the gradients of one <see cref="ApplyGradients"/> call exceeds this value, each gradient is
    /// multiplied by ClipNorm / ‖g‖. Applied to copies (see <see cref="GradientClipping"/>); null (default) does not clip.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not finite and &gt; 0.</exception>
    public double? ClipNorm
    {
        get => _state.ClipNorm;
        set => _state.ClipNorm = value is double limit ? Positive(limit, nameof(ClipNorm)) : null;
    }

    /// <summary>
    /// Clipping by value (Keras's <c>clipvalue</c>): each gradient element is clamped to [-ClipValue, ClipValue] before the
    /// update and before <see cref="ClipNorm"/>. Applied to copies (see <see cref="GradientClipping"/>); null (default) does not clip.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not finite and &gt; 0.</exception>
    public double? ClipValue
    {
        get => _state.ClipValue;
        set => _state.ClipValue = value is double limit ? Positive(limit, nameof(ClipValue)) : null;
    }

    /// <summary>
    /// How many steps (<see cref="ApplyGradients"/> calls) have completed; it is also the schedule's position. While a step
    /// runs, its number counted from 1 (Adam's t) is Iterations + 1.
    /// </summary>
    public long Iterations => _state.Iterations;

    /// <summary>
    /// Runs a wrapper's stage (<see cref="OptimizerWrapper.CombineGradients"/>) if this is a wrapper, clips the gradients if
    /// asked, then updates each variable from its gradient at the rate <see cref="LearningRate"/>, then counts one step. A null
    /// gradient (the loss does not depend on that variable) leaves the variable and its state untouched, as PyTorch skips
    /// parameters without a gradient. The caller's gradient tensors are never modified.
    /// </summary>
    /// <param name="gradientsAndVariables">Each variable with its gradient, or null for none.</param>
    /// <param name="totals">What the gradients stand for (the examples they are the mean over, and sums over those examples),
    /// for a wrapper that combines several workers' gradients; a plain optimizer leaves it as it is. Null when not known.</param>
    /// <exception cref="ArgumentException">A gradient's shape or dtype differs from its variable's, or a variable is not trainable.</exception>
    public void ApplyGradients(IEnumerable<(Tensor? Gradient, Variable Variable)> gradientsAndVariables, StepTotals? totals = null)
    {
        ArgumentNullException.ThrowIfNull(gradientsAndVariables);
        var pairs = gradientsAndVariables.ToList();
        foreach (var (gradient, variable) in pairs)
        {
            ArgumentNullException.ThrowIfNull(variable);
            if (!variable.Trainable) throw new ArgumentException($"optimizer: variable '{variable.Name}' is not trainable");
            if (gradient == null) continue;
            if (!gradient.Shape.SequenceEqual(variable.Shape) || gradient.DType != variable.DType)
                throw new ArgumentException($"optimizer: gradient {ShapeMath.Format([.. gradient.Shape])} {Tensor.DTypeName(gradient.DType)} does not match variable '{variable.Name}' {ShapeMath.Format([.. variable.Shape])} {Tensor.DTypeName(variable.DType)}");
        }
        Tensor?[] combined = [.. pairs.Select(pair => pair.Gradient)];
        RunStages(combined, pairs, totals);
        IReadOnlyList<Tensor?> gradients = combined;
        if (ClipValue is double clipValue) gradients = [.. gradients.Select(g => g == null ? null : GradientClipping.ClipByValue(g, clipValue))];
        if (ClipNorm is double clipNorm) gradients = GradientClipping.ClipByGlobalNorm(gradients, clipNorm);
        double learningRate = LearningRate;
        for (int i = 0; i < pairs.Count; i++)
        {
            if (gradients[i] is not { } gradient) continue;
            if (gradient.DType == DType.Float32) UpdateStep(pairs[i].Variable, gradient.AsSpan<float>(), (float)learningRate);
            else UpdateStep(pairs[i].Variable, gradient.AsSpan<double>(), learningRate);
        }
        _state.Iterations++;
    }

    /// <summary>The stages a wrapper adds before the update (see <see cref="OptimizerWrapper.CombineGradients"/>); a plain
    /// optimizer has none. May replace elements of <paramref name="gradients"/> and update <paramref name="totals"/>.</summary>
    internal virtual void RunStages(Tensor?[] gradients, IReadOnlyList<(Tensor? Gradient, Variable Variable)> pairs, StepTotals? totals) { }

    /// <summary>The state this optimizer keeps for <paramref name="variable"/>, by slot name (e.g. "velocity", "exp_avg"); empty before its first update.</summary>
    public IReadOnlyDictionary<string, Tensor> SlotsOf(Variable variable) =>
        _state.Slots.TryGetValue(variable, out var slots) ? slots : new Dictionary<string, Tensor>();

    /// <summary>
    /// The configuration a restored state must share, by name, as invariant-culture text that round-trips: "type" (e.g. "Sgd"),
    /// every public property a subclass fixes at construction ("Momentum" → "0.9", "Nesterov" → "False"), and the
    /// <see cref="Schedule"/> ("Schedule" → "none" or its type, then its own properties, "Schedule.InitialRate" → "0.1").
    /// The properties are found by reflection, so a new optimizer or schedule is described without writing anything.
    /// </summary>
    public IReadOnlyDictionary<string, string> HyperParameters
    {
        get
        {
            var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["type"] = _rule.GetType().Name };
            Describe(_rule, typeof(Optimizer), "", parameters);
            parameters["Schedule"] = Schedule?.GetType().Name ?? "none";
            if (Schedule != null) Describe(Schedule, typeof(LearningRateSchedule), "Schedule.", parameters);
            return parameters;
        }
    }

    /// <summary>A copy of everything this optimizer carries between steps: its <see cref="HyperParameters"/>, the step count,
    /// the fixed learning rate, the clipping limits and every slot of every variable it has updated, named by the variable's
    /// name. Restore it with <see cref="ImportState"/>.</summary>
    public OptimizerState ExportState() => new(HyperParameters, Iterations, _state.LearningRate, ClipNorm, ClipValue,
        [.. _state.Slots.SelectMany(variable => variable.Value.Select(slot => (variable.Key.Name, slot.Key, Copy(slot.Value))))]);

    /// <summary>
    /// Replaces this optimizer's state with <paramref name="state"/>: the step count (and so the schedule's position), the fixed
    /// learning rate, the clipping limits, and the slots, matched to <paramref name="variables"/> by name. The configuration is
    /// not restored but checked: every hyper-parameter must be equal. Everything is checked before anything changes, so a state
    /// that does not fit leaves the optimizer as it was.
    /// </summary>
    /// <param name="state">What <see cref="ExportState"/> returned, here or in an earlier process.</param>
    /// <param name="variables">The variables the slots belong to, e.g. a new model's <c>TrainableVariables</c>.</param>
    /// <exception cref="ArgumentException">A hyper-parameter differs, a slot names a variable that is not given or differs from
    /// it in shape or dtype, a slot appears twice, or a number is out of range; the message says which.</exception>
    public void ImportState(OptimizerState state, IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(variables);
        var ours = HyperParameters;
        var differences = ours.Keys.Union(state.HyperParameters.Keys)
            .Where(name => ours.GetValueOrDefault(name) != state.HyperParameters.GetValueOrDefault(name))
            .Select(name => $"{name} is {state.HyperParameters.GetValueOrDefault(name) ?? "absent"} in the state but {ours.GetValueOrDefault(name) ?? "absent"} here")
            .ToList();
        if (differences.Count > 0)
            throw new ArgumentException($"optimizer: the state is for a differently configured optimizer: {string.Join("; ", differences)}", nameof(state));
        if (state.Iterations < 0)
            throw new ArgumentException($"optimizer: the state's Iterations must be >= 0, got {state.Iterations}", nameof(state));
        if (!double.IsFinite(state.LearningRate) || state.LearningRate < 0)
            throw new ArgumentException($"optimizer: the state's LearningRate must be a finite number >= 0, got {state.LearningRate}", nameof(state));
        if (state.ClipNorm is double norm) Positive(norm, nameof(ClipNorm));
        if (state.ClipValue is double value) Positive(value, nameof(ClipValue));

        var byName = new Dictionary<string, Variable>();
        foreach (var variable in variables)
        {
            ArgumentNullException.ThrowIfNull(variable, nameof(variables));
            if (!byName.TryAdd(variable.Name, variable))
                throw new ArgumentException($"optimizer: two variables are named '{variable.Name}'; slots are matched by name", nameof(variables));
        }
        var slots = new Dictionary<Variable, Dictionary<string, Tensor>>(ReferenceEqualityComparer.Instance);
        foreach (var (name, slot, tensor) in state.Slots)
        {
            if (!byName.TryGetValue(name, out var variable))
                throw new ArgumentException($"optimizer: the state has slot '{slot}' of variable '{name}', which is not among the variables given ({string.Join(", ", byName.Keys)})", nameof(variables));
            if (!tensor.ShapeArray.AsSpan().SequenceEqual(variable.ShapeArray) || tensor.DType != variable.DType)
                throw new ArgumentException($"optimizer: slot '{slot}' of '{name}' is {ShapeMath.Format(tensor.ShapeArray)} {Tensor.DTypeName(tensor.DType)} in the state but the variable is {ShapeMath.Format(variable.ShapeArray)} {Tensor.DTypeName(variable.DType)}", nameof(state));
            if (!slots.TryGetValue(variable, out var ofVariable)) slots[variable] = ofVariable = [];
            if (!ofVariable.TryAdd(slot, Copy(tensor)))
                throw new ArgumentException($"optimizer: the state has slot '{slot}' of '{name}' twice", nameof(state));
        }

        _state.Slots.Clear();
        foreach (var (variable, ofVariable) in slots) _state.Slots[variable] = ofVariable;
        _state.Iterations = state.Iterations;
        _state.LearningRate = state.LearningRate;
        (_state.ClipNorm, _state.ClipValue) = (state.ClipNorm, state.ClipValue);
    }

    /// <summary>Updates one variable in place from its gradient at the given learning rate, for float32 (T = float) or float64 (T = double).</summary>
    protected abstract void UpdateStep<T>(Variable variable, ReadOnlySpan<T> gradient, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>;

    // Lets an OptimizerWrapper run its wrapped optimizer's update rule, which is protected.
    private protected static void UpdateStepOf<T>(Optimizer optimizer, Variable variable, ReadOnlySpan<T> gradient, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T> => optimizer.UpdateStep(variable, gradient, learningRate);

    /// <summary>The elements of slot <paramref name="name"/> of <paramref name="variable"/>, created on first use shaped like the
    /// variable with every element <paramref name="initialValue"/>.</summary>
    protected Span<T> Slot<T>(Variable variable, string name, double initialValue = 0) where T : unmanaged
    {
        if (!_state.Slots.TryGetValue(variable, out var slots)) _state.Slots[variable] = slots = [];
        if (!slots.TryGetValue(name, out var slot)) slots[name] = slot = Tensor.Full(initialValue, variable.ShapeArray, variable.DType);
        return slot.AsSpan<T>();
    }

    /// <summary>Returns <paramref name="value"/> if it is finite and ≥ 0, else throws an error naming this optimizer (e.g. "adam"), the parameter and the value.</summary>
    protected double NonNegative(double value, [CallerArgumentExpression(nameof(value))] string parameter = "") =>
        double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(parameter, value, $"{OptimizerName}: {parameter} must be a finite number >= 0, got {value}");

    /// <summary>Returns <paramref name="value"/> if it is in [0, 1), else throws an error naming this optimizer (e.g. "adam"), the parameter and the value.</summary>
    protected double InUnitInterval(double value, [CallerArgumentExpression(nameof(value))] string parameter = "") =>
        value >= 0 && value < 1 ? value
            : throw new ArgumentOutOfRangeException(parameter, value, $"{OptimizerName}: {parameter} must be in [0, 1), got {value}");

    private static double Positive(double value, string parameter) =>
        double.IsFinite(value) && value > 0 ? value
            : throw new ArgumentOutOfRangeException(parameter, value, $"optimizer: {parameter} must be a finite number > 0, got {value}");

    private string OptimizerName => _rule.GetType().Name.ToLowerInvariant();

    // The public get-only properties declared below baseType, in name order; a nested schedule is named by its type and described in turn.
    private static void Describe(object owner, Type baseType, string prefix, IDictionary<string, string> into)
    {
        var properties = owner.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.DeclaringType != baseType && p.GetIndexParameters().Length == 0 && p.SetMethod?.IsPublic != true)
            .OrderBy(p => p.Name, StringComparer.Ordinal);
        foreach (var property in properties)
        {
            object? value = property.GetValue(owner);
            into[prefix + property.Name] = value switch
            {
                LearningRateSchedule schedule => schedule.GetType().Name,
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value?.ToString() ?? "null",
            };
            if (value is LearningRateSchedule inner) Describe(inner, typeof(LearningRateSchedule), $"{prefix}{property.Name}.", into);
        }
    }

    private static Tensor Copy(Tensor tensor)
    {
        var copy = Tensor.Zeros(tensor.ShapeArray, tensor.DType);
        if (tensor.DType == DType.Float32) tensor.AsSpan<float>().CopyTo(copy.AsSpan<float>());
        else tensor.AsSpan<double>().CopyTo(copy.AsSpan<double>());
        return copy;
    }
}
