using MiniNet.Losses;
using MiniNet.Metrics;
using MiniNet.Models;
using MiniNet.Optimizers;

namespace MiniNet.Training;

/// <summary>A running fit as the train step and the callbacks see it: what Keras's <c>compile</c> holds (the model, its
/// loss, optimizer and metrics), the epoch's running loss and metrics, and where the run stands. A callback stops the run
/// through <see cref="StopTraining"/>.</summary>
public sealed partial class FitState(Sequential model, Loss loss, Optimizer optimizer, int epochs, int batchesPerEpoch, IReadOnlyList<Metric>? metrics = null)
{
    /// <summary>The model being trained.</summary>
    public Sequential Model { get; } = model;

    /// <summary>The loss the model minimises.</summary>
    public Loss Loss { get; } = loss;

    /// <summary>The optimizer that applies the gradients.</summary>
    public Optimizer Optimizer { get; } = optimizer;

    /// <summary>The metrics, each over the epoch's batches so far (its <see cref="Metric.Total"/> and <see cref="Metric.Count"/>).</summary>
    public IReadOnlyList<Metric> Metrics { get; } = metrics ?? [];

    /// <summary>The epoch's mean training loss so far, each batch's mean weighted by its example count.</summary>
    public RunningMean MeanLoss { get; } = new();

    /// <summary>The last epoch to run (counted from 1).</summary>
    public int Epochs { get; } = epochs;

    /// <summary>Training steps in one epoch.</summary>
    public int BatchesPerEpoch { get; } = batchesPerEpoch;

    /// <summary>The epoch running now, from 1.</summary>
    public int Epoch { get; internal set; }

    /// <summary>The batch of the epoch trained now (or last), from 0.</summary>
    public int Batch { get; internal set; }

    /// <summary>Whether a step stops the run with <see cref="TrainingDivergedException"/> when the loss or a gradient is NaN or infinite.</summary>
    public bool CheckFinite { get; init; } = true;

    /// <summary>Set by a callback to end training after the current epoch.</summary>
    public bool StopTraining { get; set; }

    // The logs of the epoch's training: "loss", then each metric by name.
    internal Dictionary<string, double> Logs()
    {
        var logs = new Dictionary<string, double> { ["loss"] = MeanLoss.Result };
        foreach (var metric in Metrics) logs[metric.Name] = metric.Result;
        return logs;
    }
}
