using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;

namespace MiniNet.Training;

/// <summary>
/// A classifier's predictions as probabilities and as class names. MiniNet's classifiers end in logits (the losses take
/// logits, as PyTorch's <c>cross_entropy</c>); these apply softmax over the outputs (or the sigmoid of a single logit), as
/// <c>torch.softmax(model(x), 1)</c> would, and map the most probable class through the encoding's
/// <see cref="TabularEncoding.TargetClasses"/>. A model whose last layer already applies softmax or sigmoid is taken as it is.
/// </summary>
public static class ClassifierPrediction
{
    /// <summary>Class probabilities (rows, OutputSize) for <paramref name="inputs"/> (count, ...InputShape); each row sums
    /// to 1, or for one output, the probability of class 1.</summary>
    /// <exception cref="ArgumentException">The inputs do not match the model.</exception>
    public static Tensor PredictProbabilities(this Sequential model, Tensor inputs, int batchSize = 500) =>
        Probabilities(model, model.Predict(inputs, batchSize));

    /// <summary>Class probabilities (rows, OutputSize) for the examples of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The data does not match the model.</exception>
    public static Tensor PredictProbabilities(this Sequential model, Dataset data, int batchSize = 500) =>
        Probabilities(model, model.Predict(data, batchSize));

    /// <summary>Class probabilities (rows, OutputSize) for raw table rows, encoded as the training data was.</summary>
    /// <exception cref="ArgumentException">A row cannot be encoded, or the encoding does not fit the model.</exception>
    public static Tensor PredictProbabilities(this Sequential model, TabularEncoding encoding, IEnumerable<IReadOnlyDictionary<string, string>> rows, int batchSize = 500) =>
        Probabilities(model, model.Predict(encoding, rows, batchSize));

    /// <summary>The most probable class of each raw table row, by its name in the training file (e.g. "Adelie"):
    /// <c>model.PredictClasses(encoding, [penguin])[0]</c>.</summary>
    /// <exception cref="ArgumentException">The encoding's target is not <see cref="TabularTarget.Categories"/> (it has no class
    /// names), its class count does not fit the model's outputs, or a row cannot be encoded.</exception>
    public static IReadOnlyList<string> PredictClasses(this Sequential model, TabularEncoding encoding, IEnumerable<IReadOnlyDictionary<string, string>> rows, int batchSize = 500)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(encoding);
        var classes = encoding.TargetClasses;
        if (classes.Count == 0)
            throw new ArgumentException($"predict: the encoding's target is {encoding.Schema.TargetKind}, which has no class names; only a Categories target does", nameof(encoding));
        int outputs = model.OutputSize;
        if (outputs != classes.Count && !(outputs == 1 && classes.Count == 2))
            throw new ArgumentException($"predict: the encoding has {classes.Count} classes but the model has {outputs} outputs", nameof(encoding));
        var probabilities = model.PredictProbabilities(encoding, rows, batchSize).To(DType.Float64).AsSpan<double>();
        var names = new string[probabilities.Length / outputs];
        for (int row = 0; row < names.Length; row++)
        {
            var scores = probabilities.Slice(row * outputs, outputs);
            int best = 0;
            for (int i = 1; i < scores.Length; i++)
                if (scores[i] > scores[best]) best = i;
            names[row] = classes[outputs == 1 ? (scores[0] > 0.5 ? 1 : 0) : best];
        }
        return names;
    }

    private static Tensor Probabilities(Sequential model, Tensor outputs)
    {
        var last = model.Layers[^1] switch
        {
            Dense dense => dense.Activation,
            Conv2D conv => conv.Activation,
            _ => Activation.Linear,
        };
        if (last == Activation.Softmax || last == Activation.Sigmoid) return outputs;
        return model.OutputSize == 1 ? outputs.Sigmoid() : outputs.Softmax();
    }
}
