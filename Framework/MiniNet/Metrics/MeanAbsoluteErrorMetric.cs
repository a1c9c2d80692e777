using MiniNet.Tensors;

namespace MiniNet.Metrics;

/// <summary>mean |prediction - target| over every target value seen, as Keras's "mae" metric. The regression metrics end in
/// "Metric" so that their names do not clash with the losses' when both namespaces are imported.</summary>
/// <param name="name">The logged name.</param>
public sealed class MeanAbsoluteErrorMetric(string name = "mean_absolute_error") : Metric(name)
{
    /// <inheritdoc />
    public override void Update(Tensor targets, Tensor predictions) =>
        Accumulate(ElementwiseError.Sum(targets, predictions, power: 1, Name), predictions.Length);
}
