using MiniNet.Tensors;

namespace MiniNet.Metrics;

/// <summary>√(mean (prediction - target)²) over every target value seen, as Keras's "rmse" metric (the root of the mean
/// over the whole epoch, not a mean of per-batch roots).</summary>
/// <param name="name">The logged name.</param>
public sealed class RootMeanSquaredErrorMetric(string name = "root_mean_squared_error") : Metric(name)
{
    /// <inheritdoc />
    public override double Result => Math.Sqrt(base.Result);

    /// <inheritdoc />
    public override void Update(Tensor targets, Tensor predictions) =>
        Accumulate(ElementwiseError.Sum(targets, predictions, power: 2, Name), predictions.Length);
}
