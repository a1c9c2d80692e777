namespace MiniNet.Data;

/// <summary>
/// Labelled samples held in memory: features as a float32 (count, features) row-major array and labels as class indices.
/// A dataset is the start of an input pipeline in the style of tf.data:
/// <code>
/// var batches = train.Shuffle(seed: 42).Batch(64);
/// for (int epoch = 0; epoch &lt; epochs; epoch++)
///     foreach (var (x, y) in batches) { /* x: (batch, features), y: (batch) class indices */ }
/// </code>
/// </summary>
public sealed class Dataset
{
    private readonly float[] _features;
    private readonly int[] _labels;

    /// <summary>Wraps <paramref name="features"/> (row-major (labels.Length, <paramref name="featureCount"/>)) and
    /// <paramref name="labels"/> (class indices), not copied.</summary>
    /// <exception cref="ArgumentException">The lengths do not fit, a label is negative, or featureCount is not positive.</exception>
    public Dataset(float[] features, int[] labels, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (featureCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "dataset: featureCount must be positive");
        if (features.Length != (long)labels.Length * featureCount)
            throw new ArgumentException($"dataset: features has {features.Length} values but {labels.Length} labels × {featureCount} features need {(long)labels.Length * featureCount}", nameof(features));
        int negative = Array.FindIndex(labels, label => label < 0);
        if (negative >= 0)
            throw new ArgumentException($"dataset: label {labels[negative]} at index {negative} is not a class index (must be >= 0)", nameof(labels));
        _features = features;
        _labels = labels;
        FeatureCount = featureCount;
    }

    /// <summary>The number of samples.</summary>
    public int Count => _labels.Length;

    /// <summary>The number of features per sample (e.g. 784 for a flattened 28×28 image).</summary>
    public int FeatureCount { get; }

    /// <summary>All features, row-major (<see cref="Count"/>, <see cref="FeatureCount"/>).</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>All labels, as class indices.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"dataset: index must be in [0, {Count})");
        return _features.AsSpan(index * FeatureCount, FeatureCount);
    }

    /// <summary>A copy of the first <paramref name="count"/> samples (for quick runs, or a validation split with
    /// <see cref="Skip"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">count is negative or more than <see cref="Count"/>.</exception>
    public Dataset Take(int count)
    {
        if (count < 0 || count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"dataset: take needs a count in [0, {Count}]");
        return Slice(0, count);
    }

    /// <summary>A copy of all samples but the first <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">count is negative or more than <see cref="Count"/>.</exception>
    public Dataset Skip(int count)
    {
        if (count < 0 || count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"dataset: skip needs a count in [0, {Count}]");
        return Slice(count, Count - count);
    }

    /// <summary>This dataset in a new random order every epoch; the order of epoch k depends only on
    /// (<paramref name="seed"/>, k). Call <see cref="ShuffledDataset.Batch"/> on it.</summary>
    public ShuffledDataset Shuffle(int seed) => new(this, seed);

    /// <summary>Batches of <paramref name="size"/> samples in the dataset's order (e.g. for evaluation).</summary>
    /// <param name="size">Samples per batch; must be positive.</param>
    /// <param name="dropRemainder">Leave out a last batch smaller than <paramref name="size"/>; by default it is kept.</param>
    public BatchedDataset Batch(int size, bool dropRemainder = false) => new(this, shuffle: null, size, dropRemainder);

    private Dataset Slice(int start, int count) =>
        new(_features.AsSpan(start * FeatureCount, count * FeatureCount).ToArray(), _labels.AsSpan(start, count).ToArray(), FeatureCount);
}
