using MiniNet.Tensors;

namespace MiniNet.Metrics;

/// <summary>
/// A quality measure accumulated over batches (e.g. one epoch), as Keras's metrics: every metric here is a mean, kept as a
/// <see cref="Total"/> and a <see cref="Count"/> so that a resumed epoch can continue it exactly. Give metrics to <c>Fit</c>
/// as objects or by Keras's names: "accuracy" (sparse categorical or binary, chosen from the loss), "mae", "mse", "rmse".
/// </summary>
public abstract class Metric
{
    /// <summary>Creates a metric logged under <paramref name="name"/>.</summary>
    protected Metric(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

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

    /// <summary>The state to save mid-epoch.</summary>
    public MetricState State => new(Name, Total, Count);

    /// <summary>Continues from a saved state (a resumed epoch).</summary>
    /// <exception cref="ArgumentException">The state is another metric's or out of range.</exception>
    public void Restore(MetricState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Name != Name)
            throw new ArgumentException($"{Name}: the saved state is metric '{state.Name}''s", nameof(state));
        if (state.Count < 0)
            throw new ArgumentException($"{Name}: the saved count {state.Count} is negative", nameof(state));
        (Total, Count) = (state.Total, state.Count);
    }

    /// <summary>Adds <paramref name="total"/> over <paramref name="count"/> more examples or values.</summary>
    protected void Accumulate(double total, long count) => (Total, Count) = (Total + total, Count + count);

    /// <summary>The metric Keras knows by <paramref name="name"/>: "accuracy" or "acc", "mae" or "mean_absolute_error",
    /// "mse" or "mean_squared_error", "rmse" or "root_mean_squared_error", "sparse_categorical_accuracy",
    /// "binary_accuracy". It is logged under the name given.</summary>
    /// <exception cref="ArgumentException">The name is not one of these.</exception>
    public static Metric FromName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name switch
        {
            "accuracy" or "acc" => new Accuracy(name),
            "sparse_categorical_accuracy" => new SparseCategoricalAccuracy(name),
            "binary_accuracy" => new BinaryAccuracy(name: name),
            "mae" or "mean_absolute_error" => new MeanAbsoluteErrorMetric(name),
            "mse" or "mean_squared_error" => new MeanSquaredErrorMetric(name),
            "rmse" or "root_mean_squared_error" => new RootMeanSquaredErrorMetric(name),
            _ => throw new ArgumentException($"metric: unknown name \"{name}\"; known: accuracy, mae, mse, rmse, sparse_categorical_accuracy, binary_accuracy (or pass a Metric object)", nameof(name)),
        };
    }

    /// <summary>Lets Keras's names stand where a metric is expected: <c>metrics: ["mae"]</c>.</summary>
    public static implicit operator Metric(string name) => FromName(name);

    /// <summary>The name and, once something was seen, the result.</summary>
    public override string ToString() => Count > 0 ? $"{Name} {Result:G6}" : Name;
}
