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

    private TrainingPosition? _position = new(0, 0, 0, 1);
    private Func<TrainingPosition>? _positionInEpoch;

    /// <summary>Where the run stands, for a checkpoint: after each step, the batches of the epoch in progress and its running
    /// metrics; after each epoch (before <see cref="Callback.OnEpochEnd"/>), the epoch counted as completed. Built when first
    /// read after a step, so a step whose callbacks do not read it allocates nothing for it.</summary>
    public TrainingPosition Position
    {
        get => _position ??= _positionInEpoch!();
        internal set => _position = value;
    }

    /// <summary>After a step: the position is whatever <paramref name="build"/> returns when it is next read.</summary>
    internal void PositionMoved(Func<TrainingPosition> build) => (_position, _positionInEpoch) = (null, build);

    /// <summary>Set by a callback to end training after the current epoch.</summary>
    public bool StopTraining { get; set; }
}
