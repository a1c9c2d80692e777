using MiniNet.Tensors;

namespace MiniNet.Metrics;

/// <summary>
/// The fraction of 0/1 target values matched by predictions thresholded as Keras's <c>BinaryAccuracy</c> does: a
/// prediction above <see cref="Threshold"/> counts as 1. Use threshold 0.5 for probabilities (a sigmoid output) and 0 for
/// logits (binary cross-entropy with fromLogits), where logit &gt; 0 is probability &gt; 0.5.
/// </summary>
public sealed class BinaryAccuracy : Metric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="threshold">Predictions above it count as 1.</param>
    /// <param name="name">The logged name; Keras's by default.</param>
    public BinaryAccuracy(double threshold = 0.5, string name = "binary_accuracy") : base(name)
    {
        if (!double.IsFinite(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "binary accuracy: threshold must be finite");
        Threshold = threshold;
    }

    /// <summary>Predictions above it count as 1, others as 0.</summary>
    public double Threshold { get; }

    /// <summary>Adds a batch: <paramref name="targets"/> and <paramref name="predictions"/> hold the same number of values,
    /// targets 0 or 1; every value counts once.</summary>
    /// <exception cref="ArgumentException">The sizes differ or a target is not 0 or 1.</exception>
    public override void Update(Tensor targets, Tensor predictions) => Accumulate(CountCorrect(targets, predictions, Threshold, Name), predictions.Length);

    /// <summary>How many values of <paramref name="predictions"/>, thresholded, equal the 0/1 <paramref name="targets"/>.</summary>
    internal static int CountCorrect(Tensor targets, Tensor predictions, double threshold, string metric)
    {
        ElementwiseError.RequireSameSize(targets, predictions, metric);
        int correct = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double target = targets.GetFlat(i);
            if (target is not (0 or 1))
                throw new ArgumentException($"{metric}: target {target} at index {i} is not 0 or 1", nameof(targets));
            if (predictions.GetFlat(i) > threshold == (target == 1)) correct++;
        }
        return correct;
    }
}
