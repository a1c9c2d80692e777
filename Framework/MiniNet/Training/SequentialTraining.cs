using MiniNet.Data;
using MiniNet.Kernels;
using MiniNet.Losses;
using MiniNet.Metrics;
using MiniNet.Models;
using MiniNet.Optimizers;

namespace MiniNet.Training;

/// <summary>
/// Keras's <c>fit</c> on a <see cref="Sequential"/> model: a <see cref="TrainStep"/> (README's loop) run over epochs and
/// batches, with callbacks at each moment (logging, progress, checkpoints, early stopping) and validation after each epoch.
/// This file is Fit's door, which checks the arguments and makes the state, the batches and the callbacks once, before
/// the first step; the loop itself is in FitLoop.cs.
/// </summary>
public static partial class SequentialTraining
{
    /// <summary>Trains <paramref name="model"/> on <paramref name="train"/> and returns the per-epoch history, whose keys
    /// follow Keras: "loss", each metric's name ("accuracy", "mae"...), and "val_loss", "val_accuracy"... with validation.</summary>
    /// <param name="model">The model to train in place.</param>
    /// <param name="train">Training examples: class indices for a loss that takes them, else float targets shaped like the
    /// model's output.</param>
    /// <param name="loss">The loss to minimise, called as loss(targets, model(x)).</param>
    /// <param name="optimizer">Updates the model's trainable variables from their gradients.</param>
    /// <param name="epochs">Epochs to run; positive.</param>
    /// <param name="batchSize">Examples per step; positive. The last partial batch is kept.</param>
    /// <param name="seed">Seeds the per-epoch shuffle.</param>
    /// <param name="validation">Evaluated after every epoch ("val_loss", "val_" + each metric), if given.</param>
    /// <param name="callbacks">Hooks run in order at each moment of training.</param>
    /// <param name="checkFinite">Stop with <see cref="TrainingDivergedException"/> as soon as a loss or gradient is NaN or infinite.</param>
    /// <param name="resumeFrom">Continue a run from where it stood (<c>Checkpoint.Load</c>'s result, with the model and
    /// optimizer restored by the same call): <paramref name="epochs"/> is the total, so the run trains epochs
    /// CompletedEpochs + 1 … epochs, skipping the batches of the first that were already trained, in the same shuffled order;
    /// weights, history and metrics come out bit for bit as if it had never stopped. Null starts from the beginning.</param>
    /// <param name="metrics">What to measure besides the loss, as objects or Keras's names (<c>["mae"]</c>); by default the
    /// loss's <see cref="Loss.DefaultMetrics"/>. Pass <c>[]</c> for none.</param>
    /// <param name="validationSplit">As Keras's <c>validation_split</c>: hold out this fraction of <paramref name="train"/>,
    /// its last examples before shuffling, and validate on them; 0 for none. Not with <paramref name="validation"/>.</param>
    /// <param name="verbose">Print one line per epoch (<see cref="EpochLogger"/>) to standard output, as Keras does by
    /// default, unless the callbacks already hold an <see cref="EpochLogger"/> or a <see cref="ProgressDisplay"/>.</param>
    /// <param name="batchPart">Which examples of each batch this process trains on (see <see cref="ShuffledDataset.Batch"/>'s
    /// part): data-parallel training gives each process its part of the same batches. Null trains on whole batches.</param>
    /// <param name="step">The training step run on every batch; null for <see cref="CapturedTrainStep"/> (a
    /// <see cref="TrainStep"/> captured once and replayed), or a plain <see cref="TrainStep"/> with <paramref name="runEagerly"/>.</param>
    /// <param name="runEagerly">As Keras's <c>run_eagerly</c>: run every batch's step anew (model, loss, tape) instead of
    /// replaying the captured one; the same numbers, for stepping through the code.</param>
    /// <exception cref="ArgumentException">An argument is out of range; the data does not fit the model or the loss (the
    /// message names what differs); or <paramref name="resumeFrom"/> was saved with another seed, batch size or metrics, or
    /// has nothing left to train.</exception>
    public static History Fit(this Sequential model, Dataset train, Loss loss, Optimizer optimizer, int epochs,
        int batchSize = 32, int seed = 0, Dataset? validation = null, IEnumerable<Callback>? callbacks = null, bool checkFinite = true,
        TrainingPosition? resumeFrom = null, IEnumerable<Metric>? metrics = null, double validationSplit = 0, bool verbose = true,
        Func<int, (int Start, int Length)>? batchPart = null, TrainStep? step = null, bool runEagerly = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (epochs <= 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"fit: epochs must be positive, got {epochs}");
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"fit: batchSize must be positive, got {batchSize}");
        if (batchPart?.Invoke(batchSize).Length == 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"fit: batchPart gives this process no example of a batch of {batchSize}; use a larger batchSize");
        (train, validation) = FitData.Split(train, validation, validationSplit);
        FitData.Require(model, train, loss, nameof(train));
        if (validation != null) FitData.Require(model, validation, loss, nameof(validation));
        var batches = train.Shuffle(seed).Batch(batchSize, part: batchPart);
        var start = resumeFrom ?? new TrainingPosition(0, 0, seed, batchSize);
        var state = new FitState(model, loss, optimizer, epochs, batches.Count, SequentialEvaluation.Resolve(metrics, loss))
            { CheckFinite = checkFinite, Seed = seed, BatchSize = batchSize, Position = start };
        if (resumeFrom != null) resumeFrom.RequireResumable(epochs, seed, batchSize, batches.Count, state.Metrics);
        var hooks = Hooks(callbacks, verbose);
        DebugBuild.WarnOnce(Console.Error);
        batches.NextEpoch = start.CompletedEpochs;
        return Loop(state, batches, step ?? (runEagerly ? new TrainStep() : new CapturedTrainStep()), hooks, validation, start);
    }
}
