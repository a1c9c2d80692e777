namespace MiniNet.Metrics;

/// <summary>
/// A weighted mean updated one value at a time: Σ weight·value / Σ weight. For the mean loss of an epoch, add each batch's
/// mean loss weighted by the batch size, so a smaller last batch counts for what it holds.
/// </summary>
public sealed partial class RunningMean
{
    private double _weightedSum;

    /// <summary>The sum of the weights added since creation or the last <see cref="Reset"/>.</summary>
    public double TotalWeight { get; private set; }

    /// <summary>The weighted mean of the values added.</summary>
    /// <exception cref="InvalidOperationException">Nothing with a positive weight has been added.</exception>
    public double Result => TotalWeight > 0
        ? _weightedSum / TotalWeight
        : throw new InvalidOperationException("running mean: no values yet; call Add first");

    /// <summary>Adds <paramref name="value"/> with <paramref name="weight"/> (e.g. a batch's mean loss and its size). A NaN or
    /// infinite value is kept, so the mean shows it (a diverged loss must not be hidden).</summary>
    /// <exception cref="ArgumentOutOfRangeException">weight is negative or not finite.</exception>
    public void Add(double value, double weight = 1) => AddSum(weight * value, weight);

    /// <summary>Adds a value already multiplied by its weight: <paramref name="weightedSum"/> = weight × value (e.g. a batch's
    /// loss summed over its examples, and their number), as <see cref="Add"/> would add it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">weight is negative or not finite.</exception>
    public void AddSum(double weightedSum, double weight)
    {
        if (!double.IsFinite(weight) || weight < 0)
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "running mean: weight must be a finite number >= 0");
        _weightedSum += weightedSum;
        TotalWeight += weight;
    }

    /// <summary>Forgets all values added (e.g. at the start of an epoch).</summary>
    public void Reset() => (_weightedSum, TotalWeight) = (0, 0);
}
