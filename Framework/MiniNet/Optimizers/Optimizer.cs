using MiniNet.Tensors;

namespace MiniNet.Optimizers;

/// <summary>
/// The base of every optimizer. It does the bookkeeping (checking gradients against variables, per-variable state slots
/// created once at zero and shaped like the variable, the step count); a subclass writes only <see cref="UpdateStep"/>,
/// the update of one variable. Used as in TensorFlow: <c>optimizer.ApplyGradients(gradients.Zip(model.TrainableVariables))</c>.
/// </summary>
public abstract class Optimizer
{
    private readonly Dictionary<Variable, Dictionary<string, Tensor>> _slots = new(ReferenceEqualityComparer.Instance);
    private double _learningRate;

    /// <summary>Validates and stores the learning rate.</summary>
    protected Optimizer(double learningRate) => LearningRate = learningRate;

    /// <summary>The step size; may be changed between steps (e.g. by a schedule).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, NaN or infinite.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!double.IsFinite(value) || value < 0)
                throw new ArgumentOutOfRangeException(nameof(LearningRate), value, $"optimizer: learning rate must be a finite number >= 0, got {value}");
            _learningRate = value;
        }
    }

    /// <summary>How many times <see cref="ApplyGradients"/> has run.</summary>
    public long Iterations { get; private set; }

    /// <summary>
    /// Updates each variable from its gradient, then counts one step. A null gradient (the loss does not depend on that
    /// variable) leaves the variable and its state untouched, as PyTorch skips parameters without a gradient.
    /// </summary>
    /// <exception cref="ArgumentException">A gradient's shape or dtype differs from its variable's, or a variable is not trainable.</exception>
    public void ApplyGradients(IEnumerable<(Tensor? Gradient, Variable Variable)> gradientsAndVariables)
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
        foreach (var (gradient, variable) in pairs)
            if (gradient != null) UpdateStep(gradient, variable, LearningRate);
        Iterations++;
    }

    /// <summary>The state this optimizer keeps for <paramref name="variable"/>, by slot name (e.g. "velocity"); empty before its first update.</summary>
    public IReadOnlyDictionary<string, Tensor> SlotsOf(Variable variable) =>
        _slots.TryGetValue(variable, out var slots) ? slots : new Dictionary<string, Tensor>();

    /// <summary>The slot <paramref name="name"/> of <paramref name="variable"/>, created at zero (shaped like it) on first use.</summary>
    protected Tensor Slot(Variable variable, string name)
    {
        if (!_slots.TryGetValue(variable, out var slots)) _slots[variable] = slots = [];
        if (!slots.TryGetValue(name, out var slot)) slots[name] = slot = Tensor.ZerosLike(variable);
        return slot;
    }

    /// <summary>Updates one variable in place from its gradient at the given learning rate.</summary>
    protected abstract void UpdateStep(Tensor gradient, Variable variable, double learningRate);
}
