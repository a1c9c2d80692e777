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
/// batch, tape, gradient, apply) over epochs with metrics and callbacks; <c>Evaluate</c> measures loss and accuracy.
/// </summary>
public static class SequentialTraining
{
    /// <summary>Trains <paramref name="model"/> on <paramref name="train"/> and returns the per-epoch history.</summary>
    /// <param name="model">The model to train in place.</param>
    /// <param name="train">Training examples with class labels.</param>
    /// <param name="loss">The loss to minimise, called as loss(labels, model(x)).</param>
    /// <param name="optimizer">Updates the model's trainable variables from their gradients.</param>
    /// <param name="epochs">Epochs to run; positive.</param>
    /// <param name="batchSize">Examples per step; positive. The last partial batch is kept.</param>
    /// <param name="seed">Seeds the per-epoch shuffle.</param>
    /// <param name="validation">Evaluated after every epoch ("val_loss", "val_accuracy"), if given.</param>
    /// <param name="callbacks">Hooks run in order at each moment of training.</param>
    /// <param name="checkFinite">Stop with <see cref="TrainingDivergedException"/> as soon as a loss or gradient is NaN or infinite.</param>
    /// <param name="resumeFrom">Continue a run from where it stood (<see cref="Checkpoint.Load"/>'s result, with the model and
    /// optimizer restored by the same call): <paramref name="epochs"/> is the total, so the run trains epochs
    /// CompletedEpochs + 1 … epochs, skipping the batches of the first that were already trained, in the same shuffled order;
    /// weights, history and metrics come out bit for bit as if it had never stopped. Null starts from the beginning.</param>
    /// <exception cref="ArgumentException">An argument is out of range; the datasets' width differs from the model's input;
    /// a label is not a class index of the model's output; or <paramref name="resumeFrom"/> was saved with another seed or
    /// batch size, or has nothing left to train.</exception>
    public static History Fit(this Sequential model, Dataset train, Loss loss, Optimizer optimizer, int epochs,
        int batchSize = 32, int seed = 0, Dataset? validation = null, IEnumerable<Callback>? callbacks = null, bool checkFinite = true,
        TrainingPosition? resumeFrom = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (epochs <= 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"fit: epochs must be positive, got {epochs}");
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"fit: batchSize must be positive, got {batchSize}");
        RequireFit(model, train, nameof(train));
        if (validation != null) RequireFit(model, validation, nameof(validation));
        var batches = train.Shuffle(seed).Batch(batchSize);
        var start = resumeFrom ?? new TrainingPosition(0, 0, seed, batchSize);
        if (resumeFrom != null) RequireResumable(resumeFrom, epochs, seed, batchSize, batches.Count);
        var hooks = callbacks?.ToArray() ?? [];
        int missing = Array.IndexOf(hooks, null);
        if (missing >= 0) throw new ArgumentException($"fit: callback {missing} is null", nameof(callbacks));
        var state = new FitState(model, epochs, batches.Count) { Position = start };
        var history = new History();
        var meanLoss = new RunningMean();
        var accuracy = new SparseCategoricalAccuracy();

        foreach (var hook in hooks) hook.OnTrainBegin(state);
        batches.NextEpoch = start.CompletedEpochs;
        for (int epoch = start.CompletedEpochs + 1; epoch <= epochs && !state.StopTraining; epoch++)
        {
            state.Epoch = epoch;
            bool resuming = epoch == start.CompletedEpochs + 1;
            int batchIndex = resuming ? start.CompletedBatches : 0;
            meanLoss.Restore(resuming ? start.EpochLossSum : 0, resuming ? start.EpochSamples : 0);
            accuracy.Restore(resuming ? start.EpochSamples : 0, resuming ? start.EpochCorrect : 0);
            int seen = (int)accuracy.Count;
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
                double batchLoss = TrainStep(model, loss, optimizer, x, y, accuracy, checkFinite ? (epoch, batchIndex) : null);
                seen += y.Length;
                meanLoss.Add(batchLoss, y.Length);
                state.Position = start with
                {
                    CompletedEpochs = epoch - 1, CompletedBatches = batchIndex + 1,
                    EpochLossSum = meanLoss.WeightedSum, EpochSamples = accuracy.Count, EpochCorrect = accuracy.Correct,
                };
                var result = new BatchResult(batchIndex, y.Length, batchLoss, meanLoss.Result, seen, clock.Elapsed.TotalSeconds);
                foreach (var hook in hooks) hook.OnBatchEnd(state, result);
                batchIndex++;
            }
            double trainSeconds = clock.Elapsed.TotalSeconds;

            var logs = new Dictionary<string, double> { ["loss"] = meanLoss.Result, ["accuracy"] = accuracy.Result };
            if (validation != null)
            {
                var evaluation = model.Evaluate(validation, loss);
                logs["val_loss"] = evaluation.Loss;
                logs["val_accuracy"] = evaluation.Accuracy;
            }
            var epochResult = new EpochResult(epoch, logs, trainSeconds);
            history.Add(epochResult);
            state.Position = new TrainingPosition(epoch, 0, seed, batchSize);
            foreach (var hook in hooks) hook.OnEpochEnd(state, epochResult);
        }
        foreach (var hook in hooks) hook.OnTrainEnd(state, history);
        return history;
    }

    // The data must fit the model before the first step, not fail after an epoch of training: its width is the model's input
    // width and every label is a class index of its output (Fit's accuracy reads labels as class indices).
    private static void RequireFit(Sequential model, Dataset data, string parameter)
    {
        if (data.FeatureCount != model.InputSize)
            throw new ArgumentException($"fit: {parameter} has {data.FeatureCount} features per example but the model's input width is {model.InputSize}", parameter);
        int classes = model.Layers[^1].OutputSize;
        var labels = data.Labels;
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] >= classes)
                throw new ArgumentException($"fit: {parameter} label {labels[i]} of example {i} is not a class index of the model's {classes} outputs (expected 0 to {classes - 1})", parameter);
    }

    private static void RequireResumable(TrainingPosition position, int epochs, int seed, int batchSize, int batchesPerEpoch)
    {
        const string parameter = "resumeFrom";
        position.Validate(parameter);
        if (position.Seed != seed || position.BatchSize != batchSize)
            throw new ArgumentException($"fit: the run to resume used seed {position.Seed} and batch size {position.BatchSize}, not seed {seed} and batch size {batchSize}; resume with the same ones", parameter);
        if (position.CompletedBatches > batchesPerEpoch)
            throw new ArgumentException($"fit: the run to resume had trained {position.CompletedBatches} batches of an epoch, but an epoch here has {batchesPerEpoch}; resume with the same training data", parameter);
        if (position.CompletedEpochs >= epochs)
            throw new ArgumentException($"fit: the run to resume has already completed {position.CompletedEpochs} epochs; epochs (the total) must be more, got {epochs}", parameter);
    }

    /// <summary>The model's mean loss, accuracy and confusion matrix on <paramref name="data"/>, computed in batches without a tape.</summary>
    public static Evaluation Evaluate(this Sequential model, Dataset data, Loss loss, int batchSize = 500)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(loss);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"evaluate: batchSize must be positive, got {batchSize}");
        var meanLoss = new RunningMean();
        var accuracy = new SparseCategoricalAccuracy();
        ConfusionMatrix? confusion = null;
        using var batches = data.Batch(batchSize).GetEnumerator();
        while (true)
        {
            using var scope = new TensorScope();
            if (!batches.MoveNext()) break;
            var (x, y) = batches.Current;
            var logits = model.Call(x);
            meanLoss.Add(loss.Call(y, logits).Item(), y.Length);
            accuracy.Update(y, logits);
            (confusion ??= new ConfusionMatrix(logits.Shape[1])).Update(y, logits);
        }
        return new Evaluation(meanLoss.Result, accuracy.Result, confusion ?? new ConfusionMatrix(model.Layers[^1].OutputSize));
    }

    // One step of the training loop, as a user writes it: tape, loss, gradient, apply.
    private static double TrainStep(Sequential model, Loss loss, Optimizer optimizer, Tensor x, Tensor y,
        SparseCategoricalAccuracy accuracy, (int Epoch, int Batch)? finiteCheck)
    {
        Tensor logits, lossValue;
        var tape = new GradientTape();
        using (tape)
        {
            logits = model.Call(x);
            lossValue = loss.Call(y, logits);
        }
        var gradients = tape.Gradient(lossValue, model.TrainableVariables);
        double batchLoss = lossValue.Item();
        if (finiteCheck is var (epoch, batch)) ThrowIfDiverged(epoch, batch, batchLoss, gradients, model.TrainableVariables);
        optimizer.ApplyGradients(gradients.Zip(model.TrainableVariables));
        accuracy.Update(y, logits);
        return batchLoss;
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
