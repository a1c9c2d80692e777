using MiniNet.Losses;
using MiniNet.Tensors;

namespace MiniNet.Metrics;

/// <summary>
/// Keras's "accuracy": the kind is chosen from the loss the model trains with, as Keras's <c>compile</c> does. With sparse
/// categorical cross-entropy it is <see cref="SparseCategoricalAccuracy"/>; with binary cross-entropy it is
/// <see cref="BinaryAccuracy"/>, thresholding logits at 0 when the loss takes logits and probabilities at 0.5 otherwise.
/// Used on its own (no loss known), one output per example means binary on probabilities, more mean sparse categorical.
/// </summary>
/// <param name="name">The logged name.</param>
public sealed class Accuracy(string name = "accuracy") : Metric(name)
{
    private Loss? _loss;

    /// <summary>Adds a batch of targets and predictions (batch, outputs), counted as the chosen kind of accuracy.</summary>
    /// <exception cref="ArgumentException">The shapes or values do not fit.</exception>
    public override void Update(Tensor targets, Tensor predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        bool binary = _loss switch
        {
            BinaryCrossEntropy => true,
            SparseCategoricalCrossEntropy => false,
            _ => predictions.Rank == 2 && predictions.Shape[1] == 1,
        };
        if (binary)
        {
            double threshold = _loss is BinaryCrossEntropy { FromLogits: true } ? 0 : 0.5;
            Accumulate(BinaryAccuracy.CountCorrect(targets, predictions, threshold, Name), predictions.Length);
        }
        else
            Accumulate(SparseCategoricalAccuracy.CountCorrect(targets, predictions, Name), predictions.Shape[0]);
    }

    internal override void UseLoss(Loss loss)
    {
        if (loss is not (BinaryCrossEntropy or SparseCategoricalCrossEntropy))
            throw new ArgumentException($"{Name}: accuracy needs a classification loss (sparse_categorical_crossentropy or binary_crossentropy), not {loss.Name}; for regression use mae, mse or rmse");
        _loss = loss;
    }
}
