using MiniNet.Tensors;

namespace MiniNet.Data;

// Some of the examples: copies of the first n, of all but the first n, a seeded train/held-out split; one example's row;
// and the dataset described in one line.
public sealed partial class Dataset
{
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

    /// <summary>The features of example <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"dataset: index must be in [0, {Count})");
        return _features.AsSpan(index * FeatureCount, FeatureCount);
    }

    /// <summary>Describes the dataset, e.g. "8000 examples, features (784), class indices" or "314 examples, features (9),
    /// values (1)".</summary>
    public override string ToString() => $"{Count} examples, features {ShapeMath.Format(_featureShape)}, " +
        (_classIndices != null ? "class indices" : $"values {ShapeMath.Format(_targetShape)}");
}
