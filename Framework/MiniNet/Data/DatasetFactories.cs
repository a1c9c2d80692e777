using MiniNet.Tensors;

namespace MiniNet.Data;

// How a dataset is made, from class indices or from float values: the arrays and shapes checked once, here.
public sealed partial class Dataset
{
    /// <summary>Wraps <paramref name="features"/> (row-major (labels.Length, <paramref name="featureCount"/>)) and
    /// <paramref name="labels"/> (class indices), not copied.</summary>
    /// <param name="features">The examples' features.</param>
    /// <param name="labels">One class index per example.</param>
    /// <param name="featureCount">Features per example.</param>
    /// <param name="classCount">The number of classes; by default one more than the largest label.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, a label is negative or not below classCount, or
    /// featureCount is not positive.</exception>
    public Dataset(float[] features, int[] labels, int featureCount, int? classCount = null)
        : this(features, [featureCount], CheckedLabels(labels, classCount), null, []) { }

    /// <summary>A dataset of class-index targets, e.g. digits: <paramref name="features"/> is row-major
    /// (classIndices.Length, ...<paramref name="featureShape"/>); neither array is copied.</summary>
    /// <param name="features">The examples' features.</param>
    /// <param name="featureShape">The shape of one example's features.</param>
    /// <param name="classIndices">One class index per example.</param>
    /// <param name="classCount">The number of classes; by default one more than the largest index.</param>
    /// <exception cref="ArgumentException">The lengths do not fit, a dimension is not positive, or an index is negative or not
    /// below classCount.</exception>
    public static Dataset FromClassIndices(float[] features, int[] featureShape, int[] classIndices, int? classCount = null) =>
        new(features, featureShape, CheckedLabels(classIndices, classCount), null, []);

    // Where class indices enter: checked here once, then trusted by every batch, loss and metric.
    private static ClassLabels CheckedLabels(int[] classIndices, int? classCount)
    {
        ArgumentNullException.ThrowIfNull(classIndices);
        return new ClassLabels(classIndices, classCount, "dataset", nameof(classIndices));
    }

    /// <summary>A dataset of float targets, e.g. prices (shape (1)), 0/1 labels for binary cross-entropy (shape (1)) or several
    /// outputs (shape (k)): <paramref name="features"/> is row-major (count, ...<paramref name="featureShape"/>) and
    /// <paramref name="targets"/> row-major (count, ...<paramref name="targetShape"/>); neither array is copied.</summary>
    /// <exception cref="ArgumentException">The lengths do not fit or a dimension is not positive.</exception>
    public static Dataset FromValues(float[] features, int[] featureShape, float[] targets, int[] targetShape)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return new(features, featureShape, null, targets, targetShape);
    }

    private Dataset(float[] features, int[] featureShape, ClassLabels? classIndices, float[]? targetValues, int[] targetShape)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(featureShape);
        ArgumentNullException.ThrowIfNull(targetShape);
        RequireShape(featureShape, "feature", nameof(featureShape));
        _featureShape = [.. featureShape];
        _targetShape = [.. targetShape];
        FeatureCount = ShapeMath.ElementCount(_featureShape);
        int count;
        if (classIndices != null)
        {
            count = classIndices.Length;
        }
        else
        {
            ArgumentNullException.ThrowIfNull(targetValues);
            RequireShape(targetShape, "target", nameof(targetShape));
            int width = ShapeMath.ElementCount(_targetShape);
            if (targetValues.Length % width != 0)
                throw new ArgumentException($"dataset: targets has {targetValues.Length} values, not a whole number of examples of shape {ShapeMath.Format(_targetShape)}", nameof(targetValues));
            count = targetValues.Length / width;
        }
        if (features.Length != (long)count * FeatureCount)
            throw new ArgumentException($"dataset: features has {features.Length} values but {count} examples × {FeatureCount} features {ShapeMath.Format(_featureShape)} need {(long)count * FeatureCount}", nameof(features));
        _features = features;
        _classIndices = classIndices;
        _targetValues = targetValues;
        Count = count;
    }

    private static void RequireShape(int[] shape, string role, string parameter)
    {
        if (shape.Length == 0 || shape.Any(dimension => dimension <= 0))
            throw new ArgumentException($"dataset: the {role} shape must have at least one dimension, all positive, got {ShapeMath.Format(shape)}", parameter);
    }
}
