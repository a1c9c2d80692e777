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
public sealed class Dataset
{
    private readonly float[] _features;
    private readonly int[] _featureShape;
    private readonly ClassLabels? _classIndices;
    private readonly float[]? _targetValues;
    private readonly int[] _targetShape;

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

    /// <summary>The features of example <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"dataset: index must be in [0, {Count})");
        return _features.AsSpan(index * FeatureCount, FeatureCount);
    }

    /// <summary>A copy of the first <paramref name="count"/> examples (for quick runs).</summary>
    /// <exception cref="ArgumentOutOfRangeException">count is negative or more than <see cref="Count"/>.</exception>
    public Dataset Take(int count)
    {
        if (count < 0 || count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"dataset: take needs a count in [0, {Count}]");
        return Select(Enumerable.Range(0, count));
    }

    /// <summary>A copy of all examples but the first <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">count is negative or more than <see cref="Count"/>.</exception>
    public Dataset Skip(int count)
    {
        if (count < 0 || count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"dataset: skip needs a count in [0, {Count}]");
        return Select(Enumerable.Range(count, Count - count));
    }

    /// <summary>A reproducible random split, as scikit-learn's train_test_split: the examples are put in the order of
    /// <c>Shuffle(seed)</c>'s first epoch, the last round(<paramref name="fraction"/> × Count) of them are held out and the
    /// rest remain; both keep that order. The same seed always gives the same split.</summary>
    /// <param name="fraction">The share held out, in (0, 1), e.g. 0.2 for an 80/20 split.</param>
    /// <param name="seed">Seeds the order.</param>
    /// <exception cref="ArgumentOutOfRangeException">fraction is not in (0, 1), or leaves one side empty.</exception>
    public (Dataset Remaining, Dataset HeldOut) Split(double fraction, int seed)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "dataset: split needs a fraction in (0, 1)");
        int heldOut = (int)Math.Round(fraction * Count, MidpointRounding.AwayFromZero);
        if (heldOut == 0 || heldOut == Count)
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"dataset: a split of {fraction} of {Count} examples leaves one side empty");
        int[] order = Shuffle(seed).Permutation(0);
        return (Select(order.Take(Count - heldOut)), Select(order.Skip(Count - heldOut)));
    }

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

    /// <summary>This dataset in a new random order every epoch; the order of epoch k depends only on
    /// (<paramref name="seed"/>, k). Call <see cref="ShuffledDataset.Batch"/> on it.</summary>
    public ShuffledDataset Shuffle(int seed) => new(this, seed);

    /// <summary>Batches of <paramref name="size"/> examples in the dataset's order (e.g. for evaluation).</summary>
    /// <param name="size">Examples per batch; must be positive.</param>
    /// <param name="dropRemainder">Leave out a last batch smaller than <paramref name="size"/>; by default it is kept.</param>
    public BatchedDataset Batch(int size, bool dropRemainder = false) => new(this, shuffle: null, size, dropRemainder);

    /// <summary>Describes the dataset, e.g. "8000 examples, features (784), class indices" or "314 examples, features (9),
    /// values (1)".</summary>
    public override string ToString() => $"{Count} examples, features {ShapeMath.Format(_featureShape)}, " +
        (_classIndices != null ? "class indices" : $"values {ShapeMath.Format(_targetShape)}");

    private Dataset Select(IEnumerable<int> indices)
    {
        int[] rows = [.. indices];
        var features = new float[rows.Length * FeatureCount];
        for (int i = 0; i < rows.Length; i++) Row(rows[i]).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
        if (_classIndices != null)
        {
            var labels = _classIndices.Indices;
            var selected = new int[rows.Length];
            for (int i = 0; i < rows.Length; i++) selected[i] = labels[rows[i]];
            return new(features, _featureShape, ClassLabels.Trusted(selected, _classIndices.ClassCount), null, []);
        }
        int width = TargetCount;
        var targets = new float[rows.Length * width];
        for (int i = 0; i < rows.Length; i++) _targetValues.AsSpan(rows[i] * width, width).CopyTo(targets.AsSpan(i * width, width));
        return new(features, _featureShape, null, targets, _targetShape);
    }

    private static void RequireShape(int[] shape, string role, string parameter)
    {
        if (shape.Length == 0 || shape.Any(dimension => dimension <= 0))
            throw new ArgumentException($"dataset: the {role} shape must have at least one dimension, all positive, got {ShapeMath.Format(shape)}", parameter);
    }
}
