namespace MiniNet.Metrics;

// A running mean's sums as data, saved mid-epoch and restored when a run resumes.
public sealed partial class RunningMean
{
    /// <summary>The sum of weight·value over the values added since creation or the last <see cref="Reset"/>.</summary>
    public double WeightedSum => _weightedSum;

    /// <summary>Continues from a saved <see cref="WeightedSum"/> and <see cref="TotalWeight"/> (a resumed epoch).</summary>
    public void Restore(double weightedSum, double totalWeight) => (_weightedSum, TotalWeight) = (weightedSum, totalWeight);
}
