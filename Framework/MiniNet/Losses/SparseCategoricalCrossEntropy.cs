using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Losses;

/// <summary>
/// mean over the batch of -log softmax(logits)[label], for integer class labels. Log-softmax is computed inside, stably, so
/// predictions must be logits (batch, classes); labels are class indices, shaped (batch) or (batch, 1).
/// </summary>
public sealed class SparseCategoricalCrossEntropy : Loss
{
    /// <inheritdoc />
    public override string Name => "sparse_categorical_crossentropy";

    /// <inheritdoc />
    public override IReadOnlyList<string> DefaultMetrics => ["accuracy"];

    /// <inheritdoc />
    public override bool TakesClassIndices => true;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">Shapes do not fit, or a label is not an integer in [0, classes).</exception>
    public override Tensor Call(Tensor labels, Tensor predictions)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        return SoftmaxCrossEntropyOp.Apply(predictions, labels, Name).Mean();
    }
}
