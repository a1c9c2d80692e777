using MiniNet.Data;
using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// Scales each feature to zero mean and unit variance, as Keras's <c>layers.Normalization</c>:
/// outputs = (inputs - mean) / max(√variance, 1e-7), with the mean and variance of each feature learned from training data
/// by <see cref="Adapt"/>. They are non-trainable variables ("normalization_0/mean", "normalization_0/variance"), so they
/// are saved in checkpoints, restored on resume and exported to ONNX with the model, which then takes raw features.
/// <code>
/// var normalization = new Normalization();
/// normalization.Adapt(train);                       // training data only
/// var model = new Sequential(train.FeatureCount, [normalization, new Dense(64, Activation.Relu), new Dense(1)]);
/// </code>
/// Until adapted (or loaded from a checkpoint) the mean is 0 and the variance 1, so the layer passes inputs through.
/// </summary>
public sealed class Normalization : Layer
{
    /// <summary>The smallest standard deviation divided by (Keras's epsilon): a constant feature maps to 0, not to NaN.</summary>
    public const double MinimumStandardDeviation = 1e-7;

    private double[]? _adaptedMean;
    private double[]? _adaptedVariance;

    /// <summary>Each feature's mean, (features); non-trainable.</summary>
    public Variable Mean { get; private set; } = null!;

    /// <summary>Each feature's variance (the population variance, divided by the count), (features); non-trainable.</summary>
    public Variable Variance { get; private set; } = null!;

    /// <inheritdoc />
    public override int OutputSize => InputSize;

    /// <summary>Learns each feature's mean and variance from <paramref name="data"/>, in float64, as Keras's <c>adapt</c>.
    /// Call it on the training data only (never on validation or test data), before or after the model is built.</summary>
    /// <exception cref="ArgumentException">The data is empty, or its width differs from the layer's input width.</exception>
    public void Adapt(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) throw new ArgumentException("normalization: cannot adapt to an empty dataset", nameof(data));
        if (IsBuilt && data.FeatureCount != InputSize)
            throw new ArgumentException($"normalization '{Name}': the data has {data.FeatureCount} features per example, the layer's input width is {InputSize}", nameof(data));
        int width = data.FeatureCount;
        var mean = new double[width];
        var variance = new double[width];
        var features = data.Features;
        for (int row = 0; row < data.Count; row++)
            for (int column = 0; column < width; column++) mean[column] += features[row * width + column];
        for (int column = 0; column < width; column++) mean[column] /= data.Count;
        // Two passes (mean first, then squared deviations) keep the variance exact where a running Σx² would cancel.
        for (int row = 0; row < data.Count; row++)
            for (int column = 0; column < width; column++)
            {
                double deviation = features[row * width + column] - mean[column];
                variance[column] += deviation * deviation;
            }
        for (int column = 0; column < width; column++) variance[column] /= data.Count;
        if (IsBuilt)
        {
            Mean.Assign(new Tensor(mean, width).To(Mean.DType));
            Variance.Assign(new Tensor(variance, width).To(Variance.DType));
        }
        else (_adaptedMean, _adaptedVariance) = (mean, variance);
    }

    /// <inheritdoc />
    public override Tensor Call(Tensor inputs) =>
        (inputs - Mean) / Variance.Sqrt().Clip(MinimumStandardDeviation, double.PositiveInfinity);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The layer was adapted to data of another width.</exception>
    protected override void CreateVariables(int inputSize, Random random, DType dtype)
    {
        if (_adaptedMean != null && _adaptedMean.Length != inputSize)
            throw new ArgumentException($"normalization: adapted to {_adaptedMean.Length} features, but the model gives it inputs of width {inputSize}");
        Mean = AddVariable("mean", new Tensor(_adaptedMean ?? new double[inputSize], inputSize).To(dtype), trainable: false);
        Variance = AddVariable("variance", new Tensor(_adaptedVariance ?? Enumerable.Repeat(1.0, inputSize).ToArray(), inputSize).To(dtype), trainable: false);
        (_adaptedMean, _adaptedVariance) = (null, null);
    }
}
