using System.Diagnostics;
using MiniNet.Autodiff;
using MiniNet.Data;
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
    public static History Fit(this Sequential model, Dataset train, Loss loss, Optimizer optimizer, int epochs,
        int batchSize = 32, int seed = 0, Dataset? validation = null, IEnumerable<Callback>? callbacks = null, bool checkFinite = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (epochs <= 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"fit: epochs must be positive, got {epochs}");
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"fit: batchSize must be positive, got {batchSize}");
        var hooks = callbacks?.ToArray() ?? [];
        var batches = train.Shuffle(seed).Batch(batchSize);
        var state = new FitState(model, epochs, batches.Count);
        var history = new History();
        var meanLoss = new RunningMean();
        var accuracy = new SparseCategoricalAccuracy();

        foreach (var hook in hooks) hook.OnTrainBegin(state);
        for (int epoch = 1; epoch <= epochs && !state.StopTraining; epoch++)
        {
            state.Epoch = epoch;
            meanLoss.Reset();
            accuracy.Reset();
            foreach (var hook in hooks) hook.OnEpochBegin(state);
            var clock = Stopwatch.StartNew();
            int batchIndex = 0, seen = 0;
            using var epochBatches = batches.GetEnumerator();
            while (true)
            {
                using var scope = new TensorScope();
                if (!epochBatches.MoveNext()) break;
                var (x, y) = epochBatches.Current;
                double batchLoss = TrainStep(model, loss, optimizer, x, y, accuracy, checkFinite ? (epoch, batchIndex) : null);
                seen += y.Length;
                meanLoss.Add(batchLoss, y.Length);
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
            foreach (var hook in hooks) hook.OnEpochEnd(state, epochResult);
        }
        foreach (var hook in hooks) hook.OnTrainEnd(state, history);
        return history;
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

    // A sum is finite only if every element is (barring overflow of the sum itself, which also signals trouble).
    private static bool IsFinite(Tensor tensor) => tensor.DType == DType.Float32
        ? float.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum<float>(tensor.AsSpan<float>()))
        : double.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum<double>(tensor.AsSpan<double>()));
}
