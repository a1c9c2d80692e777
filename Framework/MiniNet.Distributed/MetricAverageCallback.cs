using MiniNet.Metrics;
using MiniNet.Training;

namespace MiniNet.Distributed;

/// <summary>
/// Horovod's <c>MetricAverageCallback</c>, made exact by <see cref="Metric"/>'s totals: after an epoch's last step, one
/// all-reduce adds up what each rank's running loss and metrics gained since the epoch began (the loss summed over the
/// rank's examples and their number; each metric's <see cref="Metric.Total"/> and <see cref="Metric.Count"/>), so that
/// every rank holds the global batch's, and the epoch's logs and history are one process's. Between syncs, each rank's
/// running loss and metrics add only its own part's steps to the totals last summed (the <see cref="BatchResult"/> the
/// callbacks see is always this rank's part).
/// <para>A checkpoint saved mid-epoch records the running totals, so they must be the global ones at the steps it is
/// saved: give <paramref name="everyBatches"/> the same value as <c>ModelCheckpoint</c>'s, on every rank (rank 0 alone
/// saves, but every rank takes part in the all-reduce), and the totals are summed after those steps too, so the
/// checkpoint resumes on any number of ranks. Put it first among the callbacks, before those that read the logs or save.</para>
/// </summary>
/// <param name="group">The ranks that train together.</param>
/// <param name="everyBatches">Also sum the totals after every this many steps, counted across epochs from the start of the
/// run as <c>ModelCheckpoint</c> counts them; null sums them at epoch ends only.</param>
public sealed class MetricAverageCallback(ProcessGroup group, int? everyBatches = null) : Callback
{
    private readonly ProcessGroup _group = group ?? throw new ArgumentNullException(nameof(group));
    private readonly int? _everyBatches = everyBatches is <= 0
        ? throw new ArgumentOutOfRangeException(nameof(everyBatches), everyBatches, $"metric average: everyBatches must be positive, got {everyBatches}")
        : everyBatches;
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
        long step = (long)(state.Epoch - 1) * state.BatchesPerEpoch + batch.Batch + 1;
        bool epochEnd = batch.Batch == state.BatchesPerEpoch - 1;
        if (epochEnd || _everyBatches is int every && step % every == 0) Sync(state);
    }

    // Every rank adds its gain since the last sync to the synced totals, so all hold the same global totals.
    private void Sync(FitState state)
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
