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
    /// <exception cref="ArgumentException">Shapes do not fit, or a label is not an integer in [0, classes).</exception>
    public override Tensor Call(Tensor labels, Tensor predictions)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        var oneHot = OneHot(labels, predictions);
        return -(predictions.LogSoftmax() * oneHot).Sum(axis: 1).Mean();
    }

    private Tensor OneHot(Tensor labels, Tensor logits)
    {
        if (logits.Rank != 2)
            throw new ArgumentException($"{Name}: logits must be (batch, classes), got {ShapeMath.Format([.. logits.Shape])}");
        int batch = logits.Shape[0], classes = logits.Shape[1];
        bool shapeFits = labels.Rank == 1 && labels.Shape[0] == batch || labels.Rank == 2 && labels.Shape[0] == batch && labels.Shape[1] == 1;
        if (!shapeFits)
            throw new ArgumentException($"{Name}: labels {ShapeMath.Format([.. labels.Shape])} do not fit logits {ShapeMath.Format([.. logits.Shape])}; expected ({batch}) or ({batch},1) class indices");
        var oneHot = Tensor.Temporary([batch, classes], logits.DType, zeroed: true);
        for (int row = 0; row < batch; row++)
        {
            double label = labels.GetFlat(row);
            if (label != Math.Floor(label) || label < 0 || label >= classes)
                throw new ArgumentException($"{Name}: label {label} at row {row} is not a class index in [0, {classes})");
            oneHot.SetFlat(row * classes + (int)label, 1);
        }
        return oneHot;
    }
}
