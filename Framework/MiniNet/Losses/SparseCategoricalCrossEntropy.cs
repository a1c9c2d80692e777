using MiniNet.Metrics;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Losses;

/// <summary>
/// mean over the batch of -log softmax(logits)[label], for integer class labels. Log-softmax is computed inside, stably, so
/// predictions must be logits (batch, classes); labels are <see cref="ClassLabels"/>, one class index per example.
/// </summary>
public sealed class SparseCategoricalCrossEntropy : Loss
{
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
    public override Tensor Call(Tensor labels, Tensor predictions) => SoftmaxCrossEntropyOp.Apply(predictions, labels, Name).Mean();
}
