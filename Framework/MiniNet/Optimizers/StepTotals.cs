namespace MiniNet.Optimizers;

/// <summary>
/// What one step's gradients stand for, told to <see cref="Optimizer.ApplyGradients"/> by a caller that may be one of several
/// data-parallel workers: <see cref="Examples"/>, how many examples the gradients are the mean over, and <see cref="Sums"/>,
/// totals over the same examples to be combined with them (<c>Fit</c> puts there the loss summed over the examples, then
/// each metric's total and count). A plain optimizer leaves both as they are. A wrapper that combines the workers'
/// gradients (MiniNet.Distributed's <c>DistributedOptimizer</c>) weights each worker's gradients by its examples and
/// replaces both with the totals over all workers, so that every worker sees the global batch's loss and metrics.
/// </summary>
public sealed class StepTotals
{
    private long _examples;

    /// <summary>Totals with room for <paramref name="sumCount"/> sums, all 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">sumCount is negative.</exception>
    public StepTotals(int sumCount)
    {
        if (sumCount < 0)
            throw new ArgumentOutOfRangeException(nameof(sumCount), sumCount, $"step totals: sumCount must be >= 0, got {sumCount}");
        Sums = new double[sumCount];
    }

    /// <summary>How many examples the step's gradients are the mean over (the batch, or this worker's part of it).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public long Examples
    {
        get => _examples;
        set => _examples = value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(Examples), value, $"step totals: Examples must be >= 0, got {value}");
    }

    /// <summary>Sums over the step's examples, in an order the caller chooses; a combining wrapper adds up each one over
    /// the workers.</summary>
    public double[] Sums { get; }
}
