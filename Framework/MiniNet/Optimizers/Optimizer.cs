using System.Numerics;
using MiniNet.Tensors;

namespace MiniNet.Optimizers;

/// <summary>
/// The base of every optimizer, which does the bookkeeping: gradients checked against variables, optional clipping, the
/// learning rate of each step (fixed, or from a <see cref="Schedule"/>), slots created once and shaped like their variable,
/// the step count, and that state's export for checkpoints. A subclass writes only <see cref="UpdateStep{T}"/>, the
/// update of one variable. Used as in TensorFlow: <c>optimizer.ApplyGradients(gradients.Zip(model.TrainableVariables))</c>.
/// </summary>
public abstract partial class Optimizer
{
    private readonly Dictionary<Variable, Dictionary<string, Tensor>> _slots = new(ReferenceEqualityComparer.Instance);
    private double _fixedRate;

    /// <summary>Validates and stores the fixed learning rate.</summary>
    protected Optimizer(double learningRate) => _fixedRate = FixedRate(learningRate);

    /// <summary>
    /// The learning rate the next step will use: <c>Schedule.RateAt(Iterations)</c> when a <see cref="Schedule"/> is set,
    /// else the fixed rate. Setting it sets the fixed rate, which may be changed between steps.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    /// <exception cref="InvalidOperationException">Set while a <see cref="Schedule"/> is in use.</exception>
    public virtual double LearningRate
    {
        get => Schedule?.RateAt(Iterations) ?? _fixedRate;
        set
        {
            if (Schedule != null)
                throw new InvalidOperationException("optimizer: the learning rate comes from the schedule; set Schedule to null before setting a fixed rate");
            _fixedRate = FixedRate(value);
        }
    }

    /// <summary>How many steps (<see cref="ApplyGradients(IReadOnlyList{Tensor}, IReadOnlyList{Variable})"/> calls) have completed, which is also the schedule's position;
    /// while a step runs, its number counted from 1 (Adam's t) is Iterations + 1.</summary>
    public virtual long Iterations { get; private set; }

    /// <summary>Clips the gradients if asked, updates each variable from its gradient (the i-th gradient for the i-th
    /// variable) at the rate <see cref="LearningRate"/>, and counts one step. A null gradient (the loss does not depend on that
    /// variable) leaves the variable and its state untouched, as PyTorch skips parameters without a gradient. The caller's
    /// gradient tensors are never modified. Allocates nothing, unless clipping by value.</summary>
    /// <exception cref="ArgumentException">The lists differ in length, a gradient's shape or dtype differs from its variable's, or a variable is not trainable.</exception>
    public virtual void ApplyGradients(IReadOnlyList<Tensor?> gradients, IReadOnlyList<Variable> variables)
    {
        CheckPairs(gradients, variables);
        if (ClipValue != null) gradients = ClippedByValue(gradients);
        double normScale = ClipNorm is double clipNorm ? GradientClipping.GlobalNormScale(gradients, clipNorm) : 1;
        double learningRate = LearningRate;
        for (int i = 0; i < gradients.Count; i++)
        {
            if (gradients[i] is not { } gradient) continue;
            if (gradient.DType == DType.Float32) UpdateStep(variables[i], Scaled<float>(gradient, normScale), (float)learningRate);
            else UpdateStep(variables[i], Scaled<double>(gradient, normScale), learningRate);
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
}
