using MiniNet.Metrics;

namespace MiniNet.Training;

/// <summary>How a model did on a dataset.</summary>
/// <param name="Loss">The mean loss per example.</param>
/// <param name="Metrics">Each metric's result by its logged name, e.g. "accuracy" or "mae".</param>
/// <param name="Confusion">Counts of (true class, predicted class) for class-index targets; null for float targets.</param>
public sealed record Evaluation(double Loss, IReadOnlyDictionary<string, double> Metrics, ConfusionMatrix? Confusion)
{
    /// <summary>The "accuracy" metric: the fraction of examples classified correctly.</summary>
    /// <exception cref="InvalidOperationException">No accuracy was measured (a regression, or metrics without it).</exception>
    public double Accuracy => this["accuracy"];

    /// <summary>The result of the metric logged as <paramref name="metric"/>.</summary>
    /// <exception cref="InvalidOperationException">No such metric was measured; the message lists those that were.</exception>
    public double this[string metric] => Metrics.TryGetValue(metric, out double value)
        ? value
        : throw new InvalidOperationException($"evaluation: no metric '{metric}' was measured; measured: {string.Join(", ", Metrics.Keys.Prepend("loss"))}");
}
