using MiniNet.Tensors;

namespace MiniNet.Data;

/// <summary>
/// Examples held in memory: features with a per-example shape (a width such as (784), or an image such as (28, 28, 1)),
/// stored float32 and row-major, and targets that are either class indices or float values with a per-example shape of
/// their own (<see cref="TargetKind"/>). A dataset is the start of an input pipeline in the style of tf.data:
/// <code>
/// var batches = train.Shuffle(seed: 42).Batch(64);
/// for (int epoch = 0; epoch &lt; epochs; epoch++)
///     foreach (var (x, y) in batches) { /* x: (batch, ...FeatureShape), y: (batch) class indices or (batch, ...TargetShape) */ }
/// </code>
/// </summary>
public sealed partial class Dataset
{
    private readonly float[] _features;
    private readonly int[] _featureShape;
    private readonly ClassLabels? _classIndices;
    private readonly float[]? _targetValues;
    private readonly int[] _targetShape;

    /// <summary>The number of examples.</summary>
    public int Count { get; }

    /// <summary>The shape of one example's features, e.g. (784) or (28, 28, 1).</summary>
    public IReadOnlyList<int> FeatureShape => _featureShape;

    /// <summary>The number of feature values per example (the product of <see cref="FeatureShape"/>).</summary>
    public int FeatureCount { get; }

    /// <summary>Whether the targets are class indices or float values.</summary>
    public TargetKind TargetKind => _classIndices != null ? TargetKind.ClassIndices : TargetKind.Values;

    /// <summary>The shape of one example's target: () for a class index, e.g. (1) or (k) for values.</summary>
    public IReadOnlyList<int> TargetShape => _targetShape;

    /// <summary>Target values per example: 1 for a class index, the product of <see cref="TargetShape"/> for values.</summary>
    public int TargetCount => ShapeMath.ElementCount(_targetShape);

    /// <summary>All features, row-major (<see cref="Count"/>, ...<see cref="FeatureShape"/>).</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>All targets as class indices.</summary>
    /// <exception cref="InvalidOperationException">The targets are float values.</exception>
    public ReadOnlySpan<int> Labels => ClassLabels.Indices;

    /// <summary>All targets as class indices, with the number of classes they range over.</summary>
    /// <exception cref="InvalidOperationException">The targets are float values.</exception>
    public ClassLabels ClassLabels => _classIndices ?? throw new InvalidOperationException(
        $"dataset: the targets are float values of shape {ShapeMath.Format(_targetShape)}, not class indices; read TargetValues");

    /// <summary>The number of classes the class indices range over (every label is below it).</summary>
    /// <exception cref="InvalidOperationException">The targets are float values.</exception>
    public int ClassCount => ClassLabels.ClassCount;

    /// <summary>All targets as float values, row-major (<see cref="Count"/>, ...<see cref="TargetShape"/>).</summary>
    /// <exception cref="InvalidOperationException">The targets are class indices.</exception>
    public ReadOnlySpan<float> TargetValues => _targetValues ?? throw new InvalidOperationException(
        "dataset: the targets are class indices, not float values; read Labels");
}
