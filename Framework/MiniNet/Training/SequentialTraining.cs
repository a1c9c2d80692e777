using System.Diagnostics;
using MiniNet.Autodiff;
using MiniNet.Checkpoints;
using MiniNet.Data;
using MiniNet.Kernels;
using MiniNet.Losses;
using MiniNet.Metrics;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace MiniNet.Training;

/// <summary>
/// Keras-style conveniences on a <see cref="Sequential"/> model: <c>Fit</c> runs exactly the hand-written loop (shuffle,
/// batch, tape, gradient, apply) over epochs with metrics and callbacks; <c>Evaluate</c> measures the loss and metrics.
/// Both serve every loss: class indices for sparse categorical cross-entropy, float targets for the others.
/// </summary>
public static class SequentialTraining
{
    /// <summary>Trains <paramref name="model"/> on <paramref name="train"/> and returns the per-epoch history, whose keys
    /// follow Keras: "loss", each metric's name ("accuracy", "mae"...), and "val_loss", "val_accuracy"... with validation.</summary>
    /// <param name="model">The model to train in place.</param>
    /// <param name="train">Training examples: class indices for a loss that takes them, else float targets shaped like the
    /// model's output.</param>
    /// <param name="loss">The loss to minimise, called as loss(targets, model(x)).</param>
    /// <param name="optimizer">Updates the model's trainable variables from their gradients.</param>
    /// <param name="epochs">Epochs to run; positive.</param>
    /// <param name="batchSize">Examples per step; positive. The last partial batch is kept. With a <paramref name="shard"/>,
    /// the global batch, shared by the workers.</param>
    /// <param name="seed">Seeds the per-epoch shuffle.</param>
    /// <param name="validation">Evaluated after every epoch ("val_loss", "val_" + each metric), if given.</param>
    /// <param name="callbacks">Hooks run in order at each moment of training.</param>
    /// <param name="checkFinite">Stop with <see cref="TrainingDivergedException"/> as soon as a loss or gradient is NaN or infinite.</param>
    /// <param name="resumeFrom">Continue a run from where it stood (<see cref="Checkpoint.Load"/>'s result, with the model and
    /// optimizer restored by the same call): <paramref name="epochs"/> is the total, so the run trains epochs
    /// CompletedEpochs + 1 … epochs, skipping the batches of the first that were already trained, in the same shuffled order;
    /// weights, history and metrics come out bit for bit as if it had never stopped. Null starts from the beginning.</param>
    /// <param name="metrics">What to measure besides the loss, as objects or Keras's names (<c>["mae"]</c>); by default
    /// "accuracy" for the cross-entropy losses, "mae" for mean squared error. Pass <c>[]</c> for none.</param>
    /// <param name="validationSplit">As Keras's <c>validation_split</c>: hold out this fraction of <paramref name="train"/>,
    /// its last examples before shuffling, and validate on them; 0 for none. Not with <paramref name="validation"/>.</param>
    /// <param name="verbose">Print one line per epoch (<see cref="EpochLogger"/>) to standard output, as Keras does by
    /// default, unless the callbacks already hold an <see cref="EpochLogger"/> or a <see cref="ProgressDisplay"/>.</param>
    /// <param name="shard">Data-parallel training: this worker's part of every global batch of <paramref name="batchSize"/>
    /// (see <see cref="BatchShard"/>), every worker drawing the same shuffled order from <paramref name="seed"/>. Each step
    /// tells the optimizer the part's example count, loss sum and metric totals (<see cref="StepTotals"/>) with its
    /// gradients; a combining optimizer (MiniNet.Distributed's <c>DistributedOptimizer</c>) averages the gradients over the
    /// workers and returns the global totals, so every worker applies the same update and logs the global batch's loss and
    /// metrics. Null (the default) trains on whole batches.</param>
    /// <exception cref="ArgumentException">An argument is out of range; the data does not fit the model or the loss (the
    /// message names what differs); or <paramref name="resumeFrom"/> was saved with another seed, batch size or metrics, or
    /// has nothing left to train.</exception>
    public static History Fit(this Sequential model, Dataset train, Loss loss, Optimizer optimizer, int epochs,
        int batchSize = 32, int seed = 0, Dataset? validation = null, IEnumerable<Callback>? callbacks = null, bool checkFinite = true,
        TrainingPosition? resumeFrom = null, IEnumerable<Metric>? metrics = null, double validationSplit = 0, bool verbose = true,
        BatchShard? shard = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (epochs <= 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"fit: epochs must be positive, got {epochs}");
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"fit: batchSize must be positive, got {batchSize}");
        if (shard != null && batchSize < shard.Count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"fit: a batch of {batchSize} examples cannot give each of {shard.Count} workers one; batchSize must be at least {shard.Count}");
        (train, validation) = SplitForValidation(train, validation, validationSplit);
        RequireFit(model, train, loss, nameof(train));
        if (validation != null) RequireFit(model, validation, loss, nameof(validation));
        var trackers = Resolve(metrics, loss);
        var batches = train.Shuffle(seed).Batch(batchSize, shard: shard);
        var start = resumeFrom ?? new TrainingPosition(0, 0, seed, batchSize);
        if (resumeFrom != null) RequireResumable(resumeFrom, epochs, seed, batchSize, batches.Count, trackers);
        var hooks = Hooks(callbacks, verbose);
        DebugBuild.WarnOnce(Console.Error);
        var state = new FitState(model, epochs, batches.Count) { Position = start };
        var history = new History();
        var meanLoss = new RunningMean();
        var totals = new StepTotals(1 + 2 * trackers.Length);
        // Where a step leaves the run, built only if a callback reads state.Position (one delegate for the whole run).
        int epochsBefore = 0, batchesDone = 0;
        Func<TrainingPosition> positionInEpoch = () => start with
        {
            CompletedEpochs = epochsBefore, CompletedBatches = batchesDone,
            EpochLossSum = meanLoss.WeightedSum, EpochSamples = (long)meanLoss.TotalWeight,
            EpochMetrics = [.. trackers.Select(tracker => tracker.State)],
        };

        foreach (var hook in hooks) hook.OnTrainBegin(state);
        batches.NextEpoch = start.CompletedEpochs;
        for (int epoch = start.CompletedEpochs + 1; epoch <= epochs && !state.StopTraining; epoch++)
        {
            state.Epoch = epoch;
            bool resuming = epoch == start.CompletedEpochs + 1 && start.CompletedBatches > 0;
            int batchIndex = resuming ? start.CompletedBatches : 0;
            meanLoss.Restore(resuming ? start.EpochLossSum : 0, resuming ? start.EpochSamples : 0);
            for (int i = 0; i < trackers.Length; i++)
                if (resuming) trackers[i].Restore(start.EpochMetrics[i]);
                else trackers[i].Reset();
            int seen = (int)meanLoss.TotalWeight;
            foreach (var hook in hooks) hook.OnEpochBegin(state);
            var clock = Stopwatch.StartNew();
            using var epochBatches = batches.GetEnumerator();
            // A resumed epoch: the batches it had already trained are drawn, in the epoch's order, and dropped.
            for (int skipped = 0; skipped < batchIndex; skipped++)
            {
                using var scope = new TensorScope();
                epochBatches.MoveNext();
            }
            while (true)
            {
                using var scope = new TensorScope();
                if (!epochBatches.MoveNext()) break;
                var (x, y) = epochBatches.Current;
                TrainStep(model, loss, optimizer, x, y, trackers, totals, checkFinite ? (epoch, batchIndex) : null);
                int examples = (int)totals.Examples;
                seen += examples;
                meanLoss.AddSum(totals.Sums[0], examples);
                double batchLoss = totals.Sums[0] / examples;
                (epochsBefore, batchesDone) = (epoch - 1, batchIndex + 1);
                state.PositionMoved(positionInEpoch);
                var result = new BatchResult(batchIndex, examples, batchLoss, meanLoss.Result, seen, clock.Elapsed.TotalSeconds);
                foreach (var hook in hooks) hook.OnBatchEnd(state, result);
                batchIndex++;
            }
            double trainSeconds = clock.Elapsed.TotalSeconds;

            var logs = new Dictionary<string, double> { ["loss"] = meanLoss.Result };
            foreach (var tracker in trackers) logs[tracker.Name] = tracker.Result;
            if (validation != null)
            {
                var evaluation = Measure(model, validation, loss, trackers, EvaluationBatchSize);
                logs["val_loss"] = evaluation.Loss;
                foreach (var (name, value) in evaluation.Metrics) logs["val_" + name] = value;
            }
            var epochResult = new EpochResult(epoch, logs, trainSeconds);
            history.Add(epochResult);
            state.Position = new TrainingPosition(epoch, 0, seed, batchSize);
            foreach (var hook in hooks) hook.OnEpochEnd(state, epochResult);
        }
        foreach (var hook in hooks) hook.OnTrainEnd(state, history);
        return history;
    }

    /// <summary>The model's mean loss and metrics on <paramref name="data"/>, and for class-index targets its confusion matrix,
    /// computed in batches without a tape (call it outside any <see cref="GradientTape"/> block).</summary>
    /// <param name="model">The model to measure.</param>
    /// <param name="data">Examples with targets that fit the model and the loss.</param>
    /// <param name="loss">The loss to average.</param>
    /// <param name="batchSize">Examples per forward pass; positive.</param>
    /// <param name="metrics">What to measure besides the loss, as objects or Keras's names; by default as <c>Fit</c>'s.</param>
    /// <exception cref="ArgumentException">An argument is out of range, or the data does not fit the model or the loss.</exception>
    public static Evaluation Evaluate(this Sequential model, Dataset data, Loss loss, int batchSize = EvaluationBatchSize, IEnumerable<Metric>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(loss);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"evaluate: batchSize must be positive, got {batchSize}");
        RequireFit(model, data, loss, nameof(data), "evaluate");
        return Measure(model, data, loss, Resolve(metrics, loss), batchSize);
    }

    private const int EvaluationBatchSize = 500;

    private static Evaluation Measure(Sequential model, Dataset data, Loss loss, Metric[] trackers, int batchSize)
    {
        var meanLoss = new RunningMean();
        foreach (var tracker in trackers) tracker.Reset();
        var confusion = data.TargetKind == TargetKind.ClassIndices && loss.TakesClassIndices ? new ConfusionMatrix(model.OutputSize) : null;
        using var batches = data.Batch(batchSize).GetEnumerator();
        while (true)
        {
            using var scope = new TensorScope();
            if (!batches.MoveNext()) break;
            var (x, y) = batches.Current;
            var predictions = model.Call(x);
            meanLoss.Add(loss.Call(y, predictions).Item(), y.Shape[0]);
            foreach (var tracker in trackers) tracker.Update(y, predictions);
            confusion?.Update(y, predictions);
        }
        return new Evaluation(meanLoss.Result, trackers.ToDictionary(tracker => tracker.Name, tracker => tracker.Result), confusion);
    }

    // The metrics asked for (or the loss's defaults), each told the loss; two with one name would overwrite each other's log.
    private static Metric[] Resolve(IEnumerable<Metric>? metrics, Loss loss)
    {
        Metric[] resolved = metrics?.ToArray() ?? loss switch
        {
            SparseCategoricalCrossEntropy or BinaryCrossEntropy => [Metric.FromName("accuracy")],
            MeanSquaredError => [Metric.FromName("mae")],
            _ => [],
        };
        int missing = Array.IndexOf(resolved, null);
        if (missing >= 0) throw new ArgumentException($"fit: metric {missing} is null", nameof(metrics));
        var repeated = resolved.GroupBy(metric => metric.Name).FirstOrDefault(group => group.Count() > 1);
        if (repeated != null) throw new ArgumentException($"fit: two metrics are named '{repeated.Key}'", nameof(metrics));
        foreach (var metric in resolved) metric.UseLoss(loss);
        return resolved;
    }

    private static Callback[] Hooks(IEnumerable<Callback>? callbacks, bool verbose)
    {
        var hooks = callbacks?.ToArray() ?? [];
        int missing = Array.IndexOf(hooks, null);
        if (missing >= 0) throw new ArgumentException($"fit: callback {missing} is null", nameof(callbacks));
        bool reports = hooks.Any(hook => hook is EpochLogger or ProgressDisplay);
        return verbose && !reports ? [.. hooks, new EpochLogger()] : hooks;
    }

    private static (Dataset Train, Dataset? Validation) SplitForValidation(Dataset train, Dataset? validation, double fraction)
    {
        if (fraction == 0) return (train, validation);
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"fit: validationSplit must be in [0, 1), got {fraction}");
        if (validation != null)
            throw new ArgumentException("fit: give validation data or a validationSplit, not both", nameof(validation));
        int held = (int)(train.Count * fraction); // Keras's rule: the last int(count × fraction) examples
        if (held == 0 || held == train.Count)
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"fit: a validationSplit of {fraction} of {train.Count} examples leaves one side empty");
        return (train.Take(train.Count - held), train.Skip(train.Count - held));
    }

    // The data must fit the model and the loss before the first step, not fail after an epoch of training.
    private static void RequireFit(Sequential model, Dataset data, Loss loss, string parameter, string caller = "fit")
    {
        if (!data.FeatureShape.SequenceEqual(model.InputShape))
            throw new ArgumentException($"{caller}: {parameter}'s examples have features of shape {ShapeMath.Format([.. data.FeatureShape])} but the model takes inputs of shape {ShapeMath.Format([.. model.InputShape])}", parameter);
        int outputs = model.OutputSize;
        if (loss.TakesClassIndices)
        {
            if (data.TargetKind != TargetKind.ClassIndices)
                throw new ArgumentException($"{caller}: {loss.Name} takes class indices, but {parameter} holds float targets of shape {ShapeMath.Format([.. data.TargetShape])}; load the targets as class indices (Dataset.FromClassIndices), or use a loss for float targets", parameter);
            if (data.ClassCount > outputs)
            {
                int example = data.Labels.IndexOfAnyExceptInRange(0, outputs - 1);
                throw new ArgumentException(example < 0
                    ? $"{caller}: {parameter} holds class indices of {data.ClassCount} classes but the model has {outputs} outputs"
                    : $"{caller}: {parameter} label {data.Labels[example]} of example {example} is not a class index of the model's {outputs} outputs (expected 0 to {outputs - 1})", parameter);
            }
            return;
        }
        if (data.TargetKind != TargetKind.Values)
            throw new ArgumentException($"{caller}: {loss.Name} takes float targets shaped like the model's output ({outputs}), but {parameter} holds class indices; use sparse_categorical_crossentropy for class indices, or load the targets as values (Dataset.FromValues)", parameter);
        if (data.TargetShape.Count != 1 || data.TargetCount != outputs)
            throw new ArgumentException($"{caller}: {parameter}'s targets have shape {ShapeMath.Format([.. data.TargetShape])} but the model's output is ({outputs})", parameter);
        var (min, max) = loss.TargetRange;
        var targets = data.TargetValues;
        for (int i = 0; i < targets.Length; i++)
            if (!(targets[i] >= min && targets[i] <= max))
                throw new ArgumentException($"{caller}: {parameter} target {targets[i]} of example {i / outputs} is outside [{min}, {max}], the range {loss.Name} takes", parameter);
    }

    private static void RequireResumable(TrainingPosition position, int epochs, int seed, int batchSize, int batchesPerEpoch, Metric[] trackers)
    {
        const string parameter = "resumeFrom";
        position.Validate(parameter);
        if (position.Seed != seed || position.BatchSize != batchSize)
            throw new ArgumentException($"fit: the run to resume used seed {position.Seed} and batch size {position.BatchSize}, not seed {seed} and batch size {batchSize}; resume with the same ones", parameter);
        if (position.CompletedBatches > batchesPerEpoch)
            throw new ArgumentException($"fit: the run to resume had trained {position.CompletedBatches} batches of an epoch, but an epoch here has {batchesPerEpoch}; resume with the same training data", parameter);
        if (position.CompletedEpochs >= epochs)
            throw new ArgumentException($"fit: the run to resume has already completed {position.CompletedEpochs} epochs; epochs (the total) must be more, got {epochs}", parameter);
        if (position.CompletedBatches > 0 && !position.EpochMetrics.Select(state => state.Name).SequenceEqual(trackers.Select(tracker => tracker.Name)))
            throw new ArgumentException($"fit: the run to resume measured [{string.Join(", ", position.EpochMetrics.Select(state => state.Name))}] but this one measures [{string.Join(", ", trackers.Select(tracker => tracker.Name))}]; resume with the same metrics", parameter);
    }

    // One step of the training loop, as a user writes it: tape, loss, gradient, apply. The batch's example count, loss sum
    // and metric totals go to the optimizer with the gradients, in totals, and come back as the global batch's when the
    // optimizer combines data-parallel workers (as they are otherwise); the metrics then add what came back.
    private static void TrainStep(Sequential model, Loss loss, Optimizer optimizer, Tensor x, Tensor y,
        Metric[] trackers, StepTotals totals, (int Epoch, int Batch)? finiteCheck)
    {
        Tensor predictions, lossValue;
        var tape = new GradientTape();
        using (tape)
        {
            predictions = model.Call(x, training: true);
            lossValue = loss.Call(y, predictions);
        }
        var gradients = tape.Gradient(lossValue, model.TrainableVariables);
        double batchLoss = lossValue.Item();
        if (finiteCheck is var (epoch, batch)) ThrowIfDiverged(epoch, batch, batchLoss, gradients, model.TrainableVariables);
        int examples = y.Shape[0];
        totals.Examples = examples;
        totals.Sums[0] = batchLoss * examples;
        Span<double> totalsBefore = stackalloc double[trackers.Length];
        Span<long> countsBefore = stackalloc long[trackers.Length];
        for (int i = 0; i < trackers.Length; i++)
        {
            // The batch's own total and count: measured from zero, then the epoch's totals are put back.
            (totalsBefore[i], countsBefore[i]) = (trackers[i].Total, trackers[i].Count);
            trackers[i].Reset();
            trackers[i].Update(y, predictions);
            (totals.Sums[1 + 2 * i], totals.Sums[2 + 2 * i]) = (trackers[i].Total, trackers[i].Count);
        }
        optimizer.ApplyGradients(gradients.Zip(model.TrainableVariables), totals);
        for (int i = 0; i < trackers.Length; i++)
            trackers[i].SetRunningTotals(totalsBefore[i] + totals.Sums[1 + 2 * i], countsBefore[i] + (long)totals.Sums[2 + 2 * i]);
    }

    private static void ThrowIfDiverged(int epoch, int batch, double loss, Tensor?[] gradients, IReadOnlyList<Variable> variables)
    {
        string? culprit = null;
        for (int i = 0; i < gradients.Length && culprit == null; i++)
            if (gradients[i] is { } gradient && !IsFinite(gradient)) culprit = variables[i].Name;
        if (culprit != null || !double.IsFinite(loss)) throw new TrainingDivergedException(epoch, batch, loss, culprit);
    }

    private static bool IsFinite(Tensor tensor) => tensor.DType == DType.Float32
        ? FiniteKernels.AllFinite<float>(tensor.AsSpan<float>())
        : FiniteKernels.AllFinite<double>(tensor.AsSpan<double>());
}
