using MiniNet.Metrics;
using MiniNet.Training;

namespace MiniNet.Distributed;

/// <summary>
/// Horovod's <c>MetricAverageCallback</c>, made exact by <see cref="Metric"/>'s totals: after every step, one all-reduce
/// adds up what each rank's running loss and metrics gained in that step (the loss summed over the rank's examples and
/// their number; each metric's <see cref="Metric.Total"/> and <see cref="Metric.Count"/>), so that every rank holds the
/// global batch's. The epoch's logs, the history and the position a checkpoint saves mid-epoch are then one process's,
/// and a checkpoint resumes on any number of ranks. Put it first among the callbacks, before those that read the logs or
/// save. The <see cref="BatchResult"/> the callbacks see is still this rank's part.
/// </summary>
/// <param name="group">The ranks that train together.</param>
public sealed class MetricAverageCallback(ProcessGroup group) : Callback
{
    private readonly ProcessGroup _group = group ?? throw new ArgumentNullException(nameof(group));
    // The totals after the last all-reduce (or at the epoch's start), this rank's gain since, and the gains summed.
    private double[] _synced = [], _gained = [], _summed = [];

    /// <inheritdoc />
    public override void OnEpochBegin(FitState state)
    {
        int length = 2 + 2 * state.Metrics.Count;
        (_synced, _gained, _summed) = (new double[length], new double[length], new double[length]);
        Read(state, _synced);
    }

    /// <inheritdoc />
    public override void OnBatchEnd(FitState state, BatchResult batch)
    {
        Read(state, _gained);
        for (int i = 0; i < _gained.Length; i++) _gained[i] -= _synced[i];
        _group.Sum(_gained, _summed);
        for (int i = 0; i < _synced.Length; i++) _synced[i] += _summed[i];
        state.MeanLoss.Restore(_synced[0], _synced[1]);
        for (int i = 0; i < state.Metrics.Count; i++)
            state.Metrics[i].Restore(new MetricState(state.Metrics[i].Name, _synced[2 + 2 * i], (long)_synced[3 + 2 * i]));
    }

    private static void Read(FitState state, double[] totals)
    {
        (totals[0], totals[1]) = (state.MeanLoss.WeightedSum, state.MeanLoss.TotalWeight);
        for (int i = 0; i < state.Metrics.Count; i++)
            (totals[2 + 2 * i], totals[3 + 2 * i]) = (state.Metrics[i].Total, state.Metrics[i].Count);
    }
}
