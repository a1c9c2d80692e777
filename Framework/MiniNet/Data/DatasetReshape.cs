using MiniNet.Tensors;

namespace MiniNet.Data;

// The same examples viewed with another per-example feature shape.
public sealed partial class Dataset
{
    /// <summary>The same examples with features of another per-example shape holding as many values, as NumPy's
    /// <c>x.reshape(-1, 28, 28, 1)</c>: e.g. flat MNIST rows of 784 pixels as (28, 28, 1) images for a convolutional model
    /// (channels last, as Keras). The data is shared, not copied.</summary>
    /// <exception cref="ArgumentException">The shape has a dimension below 1, or holds another number of values.</exception>
    public Dataset Reshape(params int[] featureShape)
    {
        ArgumentNullException.ThrowIfNull(featureShape);
        RequireShape(featureShape, "feature", nameof(featureShape));
        if (ShapeMath.ElementCount(featureShape) != FeatureCount)
            throw new ArgumentException($"dataset: cannot reshape examples of shape {ShapeMath.Format(_featureShape)} ({FeatureCount} values) to {ShapeMath.Format(featureShape)} ({ShapeMath.ElementCount(featureShape)} values)", nameof(featureShape));
        return new(_features, featureShape, _classIndices, _targetValues, _targetShape);
    }
}
