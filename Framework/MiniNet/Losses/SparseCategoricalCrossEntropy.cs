using MiniNet.Metrics;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Losses;

/// <summary>
/// mean over the batch of -log softmax(logits)[label], for integer class labels. Log-softmax is computed inside, stably, so
/// predictions must be logits (batch, classes); labels are <see cref="ClassLabels"/>, one class index per example. Logits
/// (batch, time, classes) take labels (batch, time), the mean over every position except those labelled
/// <c>ignoreIndex</c> (padding), as PyTorch's <c>cross_entropy(..., ignore_index=...)</c> (NaN if all are).
/// </summary>
public sealed class SparseCategoricalCrossEntropy(int? ignoreIndex = null) : Loss
{
    /// <summary>The label value whose positions are left out (e.g. PyTorch's -100), or null when every position counts.</summary>
    public int? IgnoreIndex { get; } = ignoreIndex;

    /// <inheritdoc />
    public override string Name => "sparse_categorical_crossentropy";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> DefaultMetrics => [AccuracyMetric("accuracy")];

    /// <summary>Sparse categorical accuracy: the largest logit is at the label.</summary>
    public override Metric AccuracyMetric(string name) => new SparseCategoricalAccuracy(name);

    /// <inheritdoc />
    public override bool TakesClassIndices => true;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The labels are not <see cref="ClassLabels"/>, or they do not fit the logits (their
    /// batch, or more classes than the logits have).</exception>
    public override Tensor Call(Tensor labels, Tensor predictions)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        var losses = SoftmaxCrossEntropyOp.Apply(predictions, labels, Name, IgnoreIndex);
        if (IgnoreIndex is not { } ignored) return losses.Mean();
        return losses.Sum() * (1.0 / (labels.Length - labels.AsSpan<int>().Count(ignored)));
    }
}
