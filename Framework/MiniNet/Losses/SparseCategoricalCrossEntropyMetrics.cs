using MiniNet.Metrics;

namespace MiniNet.Losses;

// What Fit asks of the loss once, before the first step: the targets it takes and the metrics it reports by default.
public sealed partial class SparseCategoricalCrossEntropy
{
    /// <inheritdoc />
    public override IReadOnlyList<Metric> DefaultMetrics => [AccuracyMetric("accuracy")];

    /// <summary>Sparse categorical accuracy: the largest logit is at the label.</summary>
    public override Metric AccuracyMetric(string name) => new SparseCategoricalAccuracy(name);

    /// <inheritdoc />
    public override bool TakesClassIndices => true;
}
