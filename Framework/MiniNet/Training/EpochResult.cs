namespace MiniNet.Training;

/// <summary>The outcome of one epoch.</summary>
/// <param name="Epoch">The epoch's number, counted from 1.</param>
/// <param name="Logs">The metrics by name: "loss" (mean training loss), "accuracy", "val_loss", "val_accuracy".</param>
/// <param name="TrainSeconds">Wall time of the epoch's training steps alone: no evaluation, no data loading before the run.</param>
public sealed record EpochResult(int Epoch, IReadOnlyDictionary<string, double> Logs, double TrainSeconds);
