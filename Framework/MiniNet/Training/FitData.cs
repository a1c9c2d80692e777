using MiniNet.Data;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Tensors;

namespace MiniNet.Training;

/// <summary>What <c>Fit</c> and <c>Evaluate</c> check of their data before the first step, and Keras's validation split.</summary>
internal static class FitData
{
    internal static (Dataset Train, Dataset? Validation) Split(Dataset train, Dataset? validation, double fraction)
    {
        if (fraction == 0) return (train, validation);
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"fit: validationSplit must be in [0, 1), got {fraction}");
        if (validation != null)
            throw new ArgumentException("fit: give validation data or a validationSplit, not both", nameof(validation));
        int held = (int)(train.Count * fraction); // Keras's rule: the last int(count × fraction) examples
        if (held == 0 || held == train.Count)
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"fit: a validationSplit of {fraction} of {train.Count} examples leaves one side empty");
        return (train.Take(train.Count - held), train.Skip(train.Count - held));
    }

    // The data must fit the model and the loss before the first step, not fail after an epoch of training.
    internal static void Require(Sequential model, Dataset data, Loss loss, string parameter, string caller = "fit")
    {
        if (!data.FeatureShape.SequenceEqual(model.InputShape))
            throw new ArgumentException($"{caller}: {parameter}'s examples have features of shape {ShapeMath.Format([.. data.FeatureShape])} but the model takes inputs of shape {ShapeMath.Format([.. model.InputShape])}", parameter);
        int outputs = model.OutputSize;
        if (loss.TakesClassIndices)
        {
            if (data.TargetKind != TargetKind.ClassIndices)
                throw new ArgumentException($"{caller}: {loss.Name} takes class indices, but {parameter} holds float targets of shape {ShapeMath.Format([.. data.TargetShape])}; load the targets as class indices (Dataset.FromClassIndices), or use a loss for float targets", parameter);
            if (data.ClassCount > outputs)
            {
                int example = data.Labels.IndexOfAnyExceptInRange(0, outputs - 1);
                throw new ArgumentException(example < 0
                    ? $"{caller}: {parameter} holds class indices of {data.ClassCount} classes but the model has {outputs} outputs"
                    : $"{caller}: {parameter} label {data.Labels[example]} of example {example} is not a class index of the model's {outputs} outputs (expected 0 to {outputs - 1})", parameter);
            }
            return;
        }
        if (data.TargetKind != TargetKind.Values)
            throw new ArgumentException($"{caller}: {loss.Name} takes float targets shaped like the model's output ({outputs}), but {parameter} holds class indices; use sparse_categorical_crossentropy for class indices, or load the targets as values (Dataset.FromValues)", parameter);
        if (data.TargetShape.Count != 1 || data.TargetCount != outputs)
            throw new ArgumentException($"{caller}: {parameter}'s targets have shape {ShapeMath.Format([.. data.TargetShape])} but the model's output is ({outputs})", parameter);
        var (min, max) = loss.TargetRange;
        var targets = data.TargetValues;
        for (int i = 0; i < targets.Length; i++)
            if (!(targets[i] >= min && targets[i] <= max))
                throw new ArgumentException($"{caller}: {parameter} target {targets[i]} of example {i / outputs} is outside [{min}, {max}], the range {loss.Name} takes", parameter);
    }
}
