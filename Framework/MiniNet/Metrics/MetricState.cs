namespace MiniNet.Metrics;

/// <summary>A metric's accumulated state, saved in a checkpoint mid-epoch so that a resumed epoch reports the same value.</summary>
/// <param name="Name">The metric's logged name, e.g. "accuracy".</param>
/// <param name="Total">Its accumulated sum.</param>
/// <param name="Count">What the sum is averaged over.</param>
public sealed record MetricState(string Name, double Total, long Count);
