using MiniNet.Metrics;

namespace MiniNet.Losses;

// What a loss is measured with besides itself, which Fit and Evaluate choose once, before the first step.
public abstract partial class Loss
{
    /// <summary>What <c>Fit</c> and <c>Evaluate</c> measure besides this loss when not told, as new metrics (e.g. an accuracy
    /// logged as "accuracy"); none by default.</summary>
    public virtual IReadOnlyList<Metric> DefaultMetrics => [];

    /// <summary>The metric Keras's "accuracy" means with this loss, logged under <paramref name="name"/> (e.g. sparse
    /// categorical accuracy for sparse categorical cross-entropy); null when accuracy has no meaning for it.</summary>
    public virtual Metric? AccuracyMetric(string name) => null;
}
