using MiniNet.Tensors;

namespace MiniNet.Metrics;

/// <summary>mean (prediction - target)² over every target value seen, as Keras's "mse" metric.</summary>
/// <param name="name">The logged name.</param>
public sealed class MeanSquaredErrorMetric(string name = "mean_squared_error") : Metric(name)
{
    /// <inheritdoc />
    public override void Update(Tensor targets, Tensor predictions) =>
        Accumulate(ElementwiseError.Sum(targets, predictions, power: 2, Name), predictions.Length);
}
