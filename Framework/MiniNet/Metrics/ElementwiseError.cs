using MiniNet.Tensors;

namespace MiniNet.Metrics;

/// <summary>Sums of absolute and squared differences between targets and predictions of the same size, the work of the
/// regression metrics.</summary>
internal static class ElementwiseError
{
    /// <summary>Throws unless both hold as many values, batch first (e.g. targets (batch, 1) and predictions (batch, 1)).</summary>
    public static void RequireSameSize(Tensor targets, Tensor predictions, string metric)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(predictions);
        if (targets.Length != predictions.Length || targets.Rank == 0 || predictions.Rank == 0 || targets.Shape[0] != predictions.Shape[0])
            throw new ArgumentException($"{metric}: targets {ShapeMath.Format([.. targets.Shape])} do not fit predictions {ShapeMath.Format([.. predictions.Shape])}", nameof(targets));
    }

    /// <summary>Σ |prediction - target| (power 1) or Σ (prediction - target)² (power 2), in float64.</summary>
    public static double Sum(Tensor targets, Tensor predictions, int power, string metric)
    {
        RequireSameSize(targets, predictions, metric);
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double difference = predictions.GetFlat(i) - targets.GetFlat(i);
            sum += power == 1 ? Math.Abs(difference) : difference * difference;
        }
        return sum;
    }
}
