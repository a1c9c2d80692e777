using MiniNet.Tensors;

namespace MiniNet.Optimizers;

// An optimizer's state as data: its slots, hyper-parameters and step count, exported and imported for checkpoints.
public abstract partial class Optimizer
{
    /// <summary>The state this optimizer keeps for <paramref name="variable"/>, by slot name (e.g. "velocity", "exp_avg"); empty before its first update.</summary>
    public virtual IReadOnlyDictionary<string, Tensor> SlotsOf(Variable variable) =>
        _slots.TryGetValue(variable, out var slots) ? slots : new Dictionary<string, Tensor>();

    /// <summary>The configuration a restored state must share, as round-tripping invariant text: "type" ("Sgd"), every public
    /// property a subclass fixes at construction ("Momentum" → "0.9"), and the <see cref="Schedule"/>'s ("Schedule" → "none" or
    /// its type, "Schedule.InitialRate" → "0.1"), found by reflection, so a new optimizer is described without writing anything.</summary>
    public virtual IReadOnlyDictionary<string, string> HyperParameters => OptimizerState.Describe(this);

    /// <summary>A copy of everything this optimizer carries between steps: its <see cref="HyperParameters"/>, the step count,
    /// the fixed learning rate, the clipping limits and every slot of every variable it has updated, named by the variable's
    /// name. Restore it with <see cref="ImportState"/>.</summary>
    public virtual OptimizerState ExportState() => new(HyperParameters, Iterations, _fixedRate, ClipNorm, ClipValue,
        [.. _slots.SelectMany(variable => variable.Value.Select(slot => (variable.Key.Name, slot.Key, OptimizerState.Copy(slot.Value))))]);

    /// <summary>Replaces this optimizer's state with <paramref name="state"/>: step count, fixed learning rate, clipping limits,
    /// and the slots, matched to <paramref name="variables"/> by name. The hyper-parameters are checked, not restored. Everything
    /// is checked before anything changes, so a state that does not fit leaves the optimizer as it was.</summary>
    /// <param name="state">What <see cref="ExportState"/> returned, here or in an earlier process.</param>
    /// <param name="variables">The variables the slots belong to, e.g. a new model's <c>TrainableVariables</c>.</param>
    /// <exception cref="ArgumentException">A hyper-parameter differs, a slot names a variable that is not given or differs from
    /// it in shape or dtype, a slot appears twice, or a number is out of range; the message says which.</exception>
    public virtual void ImportState(OptimizerState state, IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(state);
        var slots = state.SlotsFor(HyperParameters, variables);
        _slots.Clear();
        foreach (var (variable, ofVariable) in slots) _slots[variable] = ofVariable;
        (Iterations, _fixedRate, _clipNorm, _clipValue) = (state.Iterations, state.LearningRate, state.ClipNorm, state.ClipValue);
    }
}
