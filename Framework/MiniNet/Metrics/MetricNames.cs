namespace MiniNet.Metrics;

// A metric's name: given when it is made, Keras's names so that "mae" can stand where a metric is expected, and a metric
// shown by its name and result.
public abstract partial class Metric
{
    /// <summary>Creates a metric logged under <paramref name="name"/>.</summary>
    protected Metric(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

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
