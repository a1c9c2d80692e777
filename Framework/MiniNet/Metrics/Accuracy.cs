using MiniNet.Tensors;

namespace MiniNet.Metrics;

/// <summary>
/// Keras's "accuracy": the kind is the one the loss the model trains with names (its <c>AccuracyMetric</c>), as Keras's
/// <c>compile</c> chooses it: sparse categorical accuracy for sparse categorical cross-entropy, binary accuracy for binary
/// cross-entropy. Used on its own (no loss known), one output per example means binary on probabilities, more mean sparse
/// categorical.
/// </summary>
/// <param name="name">The logged name.</param>
public sealed class Accuracy(string name = "accuracy") : Metric(name)
{
    private Metric? _kind;

    /// <summary>Adds a batch of targets and predictions (batch, outputs), counted as the chosen kind of accuracy.</summary>
    /// <exception cref="ArgumentException">The shapes or values do not fit.</exception>
    public override void Update(Tensor targets, Tensor predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (_kind != null)
        {
            _kind.Reset();
            _kind.Update(targets, predictions);
            Accumulate(_kind.Total, _kind.Count);
        }
        else if (predictions.Rank == 2 && predictions.Shape[1] == 1)
            Accumulate(BinaryAccuracy.CountCorrect(targets, predictions, 0.5, Name), predictions.Length);
        else
            Accumulate(SparseCategoricalAccuracy.CountCorrect(targets, predictions, Name), predictions.Shape[0]);
    }

    /// <summary>Counts from now on as <paramref name="kind"/> does: the accuracy the model's loss names.</summary>
    internal void UseKind(Metric kind) => _kind = kind;
}
