using MiniNet.Checkpoints;
using MiniNet.Models;

namespace MiniNet.Training;

/// <summary>The state of a running fit that callbacks see, and through which they can stop it.</summary>
/// <param name="model">The model being trained.</param>
/// <param name="epochs">The last epoch to run (counted from 1).</param>
/// <param name="batchesPerEpoch">Training steps in one epoch.</param>
public sealed class FitState(Sequential model, int epochs, int batchesPerEpoch)
{
    /// <summary>The model being trained.</summary>
    public Sequential Model { get; } = model;

    /// <summary>The last epoch to run (counted from 1).</summary>
    public int Epochs { get; } = epochs;

    /// <summary>Training steps in one epoch.</summary>
    public int BatchesPerEpoch { get; } = batchesPerEpoch;

    /// <summary>The epoch running now, from 1.</summary>
    public int Epoch { get; internal set; }

    /// <summary>Where the run stands, for a checkpoint: after each step, the batches of the epoch in progress and its running
    /// metrics; after each epoch (before <see cref="Callback.OnEpochEnd"/>), the epoch counted as completed.</summary>
    public TrainingPosition Position { get; internal set; } = new(0, 0, 0, 1);

    /// <summary>Set by a callback to end training after the current epoch.</summary>
    public bool StopTraining { get; set; }
}
