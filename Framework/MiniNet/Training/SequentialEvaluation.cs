using MiniNet.Autodiff;
using MiniNet.Data;
using MiniNet.Losses;
using MiniNet.Metrics;
using MiniNet.Models;
using MiniNet.Tensors;

namespace MiniNet.Training;

/// <summary>Keras's <c>evaluate</c> on a <see cref="Sequential"/> model: the mean loss and metrics over a dataset, for
/// every loss (class indices for sparse categorical cross-entropy, float targets for the others).</summary>
public static class SequentialEvaluation
{
    internal const int BatchSize = 500;

    /// <summary>The model's mean loss and metrics on <paramref name="data"/>, and for class-index targets its confusion matrix,
    /// computed in batches without a tape (call it outside any <see cref="GradientTape"/> block).</summary>
    /// <param name="model">The model to measure.</param>
    /// <param name="data">Examples with targets that fit the model and the loss.</param>
    /// <param name="loss">The loss to average.</param>
    /// <param name="batchSize">Examples per forward pass; positive.</param>
    /// <param name="metrics">What to measure besides the loss, as objects or Keras's names; by default the loss's
    /// <see cref="Loss.DefaultMetrics"/>.</param>
    /// <exception cref="ArgumentException">An argument is out of range, or the data does not fit the model or the loss.</exception>
    public static Evaluation Evaluate(this Sequential model, Dataset data, Loss loss, int batchSize = BatchSize, IEnumerable<Metric>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(loss);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"evaluate: batchSize must be positive, got {batchSize}");
        FitData.Require(model, data, loss, nameof(data), "evaluate");
        return Measure(model, data, loss, Resolve(metrics, loss), batchSize);
    }

    // Keras's validation at the end of an epoch: an evaluation whose loss and metrics are logged as "val_loss", "val_" + name.
    internal static void AddValidationLogs(Dictionary<string, double> logs, Sequential model, Dataset validation, Loss loss, IReadOnlyList<Metric> metrics)
    {
        var evaluation = Measure(model, validation, loss, metrics, BatchSize);
        logs["val_loss"] = evaluation.Loss;
        foreach (var (name, value) in evaluation.Metrics) logs["val_" + name] = value;
    }

    internal static Evaluation Measure(Sequential model, Dataset data, Loss loss, IReadOnlyList<Metric> metrics, int batchSize)
    {
        var meanLoss = new RunningMean();
        foreach (var metric in metrics) metric.Reset();
        var confusion = data.TargetKind == TargetKind.ClassIndices && loss.TakesClassIndices ? new ConfusionMatrix(model.OutputSize) : null;
        using var batches = data.Batch(batchSize).GetEnumerator();
        while (true)
        {
            using var scope = new TensorScope();
            if (!batches.MoveNext()) break;
            var (x, y) = batches.Current;
            var predictions = model.Call(x);
            meanLoss.Add(loss.Call(y, predictions).Item(), y.Shape[0]);
            foreach (var metric in metrics) metric.Update(y, predictions);
            confusion?.Update(y, predictions);
        }
        return new Evaluation(meanLoss.Result, metrics.ToDictionary(metric => metric.Name, metric => metric.Result), confusion);
    }

    // The metrics asked for (or the loss's defaults), "accuracy" made the accuracy the loss names; two with one name would
    // overwrite each other's log.
    internal static Metric[] Resolve(IEnumerable<Metric>? metrics, Loss loss)
    {
        Metric[] resolved = metrics?.ToArray() ?? [.. loss.DefaultMetrics];
        int missing = Array.IndexOf(resolved, null);
        if (missing >= 0) throw new ArgumentException($"fit: metric {missing} is null", nameof(metrics));
        var repeated = resolved.GroupBy(metric => metric.Name).FirstOrDefault(group => group.Count() > 1);
        if (repeated != null) throw new ArgumentException($"fit: two metrics are named '{repeated.Key}'", nameof(metrics));
        foreach (var accuracy in resolved.OfType<Accuracy>())
            accuracy.UseKind(loss.AccuracyMetric(accuracy.Name) ?? throw new ArgumentException(
                $"{accuracy.Name}: accuracy needs a classification loss, one that names its accuracy (such as sparse_categorical_crossentropy or binary_crossentropy), not {loss.Name}; for regression use mae, mse or rmse", nameof(metrics)));
        return resolved;
    }
}
