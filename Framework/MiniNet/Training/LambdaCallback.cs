namespace MiniNet.Training;

/// <summary>A callback made of user functions, for one-off hooks: <c>new LambdaCallback(onEpochEnd: (s, e) => ...)</c>.</summary>
/// <param name="onEpochEnd">Called after each epoch.</param>
/// <param name="onBatchEnd">Called after each training step.</param>
/// <param name="onTrainEnd">Called after the last epoch.</param>
public sealed class LambdaCallback(
    Action<FitState, EpochResult>? onEpochEnd = null,
    Action<FitState, BatchResult>? onBatchEnd = null,
    Action<FitState, History>? onTrainEnd = null) : Callback
{
    /// <inheritdoc />
    public override void OnEpochEnd(FitState state, EpochResult epoch) => onEpochEnd?.Invoke(state, epoch);

    /// <inheritdoc />
    public override void OnBatchEnd(FitState state, BatchResult batch) => onBatchEnd?.Invoke(state, batch);

    /// <inheritdoc />
    public override void OnTrainEnd(FitState state, History history) => onTrainEnd?.Invoke(state, history);
}
