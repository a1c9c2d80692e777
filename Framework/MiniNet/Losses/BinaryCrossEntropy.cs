using MiniNet.Metrics;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Losses;

/// <summary>
/// mean(-(y·log p + (1 - y)·log(1 - p))) for labels y in [0, 1]. From probabilities, p is clipped to [1e-7, 1 - 1e-7] as Keras
/// does; from logits (recommended), the overflow-free form max(x, 0) - x·y + log(1 + e^-|x|) is used.
/// </summary>
/// <param name="fromLogits">Whether predictions are logits (any real) rather than probabilities in (0, 1).</param>
public sealed class BinaryCrossEntropy(bool fromLogits = false) : Loss
{
    private const double Epsilon = 1e-7;

    /// <summary>Whether predictions are logits.</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <inheritdoc />
    public override string Name => "binary_crossentropy";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> DefaultMetrics => [AccuracyMetric("accuracy")];

    /// <summary>Binary accuracy, thresholding logits at 0 when <see cref="FromLogits"/> and probabilities at 0.5 otherwise.</summary>
    public override Metric AccuracyMetric(string name) => new BinaryAccuracy(FromLogits ? 0 : 0.5, name);

    /// <inheritdoc />
    public override (double Min, double Max) TargetRange => (0, 1);

    /// <inheritdoc />
    public override Tensor Call(Tensor labels, Tensor predictions)
    {
        RequireSameShape(labels, predictions);
        if (FromLogits) return SigmoidCrossEntropyOp.Apply(predictions, labels).Mean();
        var p = predictions.Clip(Epsilon, 1 - Epsilon);
        return -(labels * p.Log() + (1.0 - labels) * (1.0 - p).Log()).Mean();
    }
}
