using System.Globalization;
using System.Reflection;
using MiniNet.Optimizers.Schedules;
using MiniNet.Tensors;

namespace MiniNet.Optimizers;

/// <summary>
/// Everything an optimizer carries from one step to the next, keyed by names so it can be saved and restored into a new
/// optimizer for a new model of the same shape (PyTorch's <c>optimizer.state_dict()</c>). Made by
/// <see cref="Optimizer.ExportState"/>, restored by <see cref="Optimizer.ImportState"/>.
/// </summary>
/// <param name="HyperParameters">The configuration, which a restoring optimizer must share: its type ("type" → "Sgd"),
/// every constructor-fixed public property ("Momentum" → "0.9") and the schedule's ("Schedule" → "CosineDecay",
/// "Schedule.DecaySteps" → "1000"), as invariant-culture text that round-trips.</param>
/// <param name="Iterations">The step count, which is also the learning-rate schedule's position.</param>
/// <param name="LearningRate">The fixed learning rate (used when no schedule is set; it may have been changed during training).</param>
/// <param name="ClipNorm">Clipping by global norm, or null.</param>
/// <param name="ClipValue">Clipping by value, or null.</param>
/// <param name="Slots">Every slot of every variable the optimizer has updated, e.g. ("dense_0/kernel", "velocity", its tensor).</param>
public sealed record OptimizerState(
    IReadOnlyDictionary<string, string> HyperParameters,
    long Iterations,
    double LearningRate,
    double? ClipNorm,
    double? ClipValue,
    IReadOnlyList<(string Variable, string Slot, Tensor Value)> Slots)
{
    // The optimizer's type, its public get-only properties and its schedule's, found by reflection (Optimizer.HyperParameters).
    internal static IReadOnlyDictionary<string, string> Describe(Optimizer optimizer)
    {
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["type"] = optimizer.GetType().Name };
        Describe(optimizer, typeof(Optimizer), "", parameters);
        parameters["Schedule"] = optimizer.Schedule?.GetType().Name ?? "none";
        if (optimizer.Schedule != null) Describe(optimizer.Schedule, typeof(LearningRateSchedule), "Schedule.", parameters);
        return parameters;
    }

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

    // Checks this state against an optimizer configured as `hyperParameters` and the variables its slots belong to, and
    // returns copies of the slots by variable (Optimizer.ImportState); throws, naming what differs, before anything changes.
    internal Dictionary<Variable, Dictionary<string, Tensor>> SlotsFor(IReadOnlyDictionary<string, string> hyperParameters, IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var differences = hyperParameters.Keys.Union(HyperParameters.Keys)
            .Where(name => hyperParameters.GetValueOrDefault(name) != HyperParameters.GetValueOrDefault(name))
            .Select(name => $"{name} is {HyperParameters.GetValueOrDefault(name) ?? "absent"} in the state but {hyperParameters.GetValueOrDefault(name) ?? "absent"} here")
            .ToList();
        const string state = "state";
        if (differences.Count > 0)
            throw new ArgumentException($"optimizer: the state is for a differently configured optimizer: {string.Join("; ", differences)}", state);
        if (Iterations < 0)
            throw new ArgumentException($"optimizer: the state's Iterations must be >= 0, got {Iterations}", state);
        if (!double.IsFinite(LearningRate) || LearningRate < 0)
            throw new ArgumentException($"optimizer: the state's LearningRate must be a finite number >= 0, got {LearningRate}", state);
        if (ClipNorm is double norm) Optimizer.Positive(norm, nameof(ClipNorm));
        if (ClipValue is double value) Optimizer.Positive(value, nameof(ClipValue));

        var byName = new Dictionary<string, Variable>();
        foreach (var variable in variables)
        {
            ArgumentNullException.ThrowIfNull(variable, nameof(variables));
            if (!byName.TryAdd(variable.Name, variable))
                throw new ArgumentException($"optimizer: two variables are named '{variable.Name}'; slots are matched by name", nameof(variables));
        }
        var slots = new Dictionary<Variable, Dictionary<string, Tensor>>(ReferenceEqualityComparer.Instance);
        foreach (var (name, slot, tensor) in Slots)
        {
            if (!byName.TryGetValue(name, out var variable))
                throw new ArgumentException($"optimizer: the state has slot '{slot}' of variable '{name}', which is not among the variables given ({string.Join(", ", byName.Keys)})", nameof(variables));
            if (!tensor.ShapeArray.AsSpan().SequenceEqual(variable.ShapeArray) || tensor.DType != variable.DType)
                throw new ArgumentException($"optimizer: slot '{slot}' of '{name}' is {ShapeMath.Format(tensor.ShapeArray)} {Tensor.DTypeName(tensor.DType)} in the state but the variable is {ShapeMath.Format(variable.ShapeArray)} {Tensor.DTypeName(variable.DType)}", nameof(state));
            if (!slots.TryGetValue(variable, out var ofVariable)) slots[variable] = ofVariable = [];
            if (!ofVariable.TryAdd(slot, Copy(tensor)))
                throw new ArgumentException($"optimizer: the state has slot '{slot}' of '{name}' twice", nameof(state));
        }
        return slots;
    }

    internal static Tensor Copy(Tensor tensor)
    {
        var copy = Tensor.Zeros(tensor.ShapeArray, tensor.DType);
        if (tensor.DType == DType.Float32) tensor.AsSpan<float>().CopyTo(copy.AsSpan<float>());
        else tensor.AsSpan<double>().CopyTo(copy.AsSpan<double>());
        return copy;
    }
}
