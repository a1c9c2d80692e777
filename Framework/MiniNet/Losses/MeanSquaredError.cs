using MiniNet.Metrics;
using MiniNet.Tensors;

namespace MiniNet.Losses;

/// <summary>mean((predictions - labels)²) over every element.</summary>
public sealed class MeanSquaredError : Loss
{
    /// <inheritdoc />
    public override string Name => "mean_squared_error";

    /// <inheritdoc />
    public override IReadOnlyList<Metric> DefaultMetrics => [new MeanAbsoluteErrorMetric("mae")];

    /// <inheritdoc />
    public override Tensor Call(Tensor labels, Tensor predictions)
    {
        RequireSameShape(labels, predictions);
        return (predictions - labels).Square().Mean();
    }
}
