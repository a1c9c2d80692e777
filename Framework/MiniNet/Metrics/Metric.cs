using MiniNet.Tensors;

namespace MiniNet.Metrics;

/// <summary>
/// A quality measure accumulated over batches (e.g. one epoch), as Keras's metrics: every metric here is a mean, kept as a
/// <see cref="Total"/> and a <see cref="Count"/> so that a resumed epoch can continue it exactly. Give metrics to <c>Fit</c>
/// as objects or by Keras's names: "accuracy" (sparse categorical or binary, chosen from the loss), "mae", "mse", "rmse".
/// </summary>
public abstract partial class Metric
{
    /// <summary>The key under which Fit logs it, e.g. "mae" (with "val_" in front for validation data).</summary>
    public string Name { get; }

    /// <summary>The accumulated sum (correct predictions, absolute errors, squared errors...).</summary>
    public double Total { get; private set; }

    /// <summary>What <see cref="Total"/> is averaged over (examples, or target values).</summary>
    public long Count { get; private set; }

    /// <summary>The metric's value, <see cref="Total"/> / <see cref="Count"/> unless a metric says otherwise.</summary>
    /// <exception cref="InvalidOperationException">Nothing has been seen yet.</exception>
    public virtual double Result => Count > 0 ? Total / Count : throw new InvalidOperationException($"{Name}: no examples yet; call Update first");

    /// <summary>Adds a batch of <paramref name="targets"/> (as the dataset gives them) and the model's
    /// <paramref name="predictions"/> (batch, outputs).</summary>
    /// <exception cref="ArgumentException">The shapes or values do not fit this metric.</exception>
    public abstract void Update(Tensor targets, Tensor predictions);

    /// <summary>Forgets everything seen (e.g. at the start of an epoch).</summary>
    public void Reset() => (Total, Count) = (0, 0);

    /// <summary>Adds <paramref name="total"/> over <paramref name="count"/> more examples or values.</summary>
    protected void Accumulate(double total, long count) => (Total, Count) = (Total + total, Count + count);
}
