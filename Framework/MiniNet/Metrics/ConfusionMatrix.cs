using System.Globalization;
using System.Text;
using MiniNet.Tensors;

namespace MiniNet.Metrics;

/// <summary>
/// Counts of (true class, predicted class) pairs over batches: entry [t, p] is how many samples of class t were predicted
/// as class p (the predicted class is the index of the largest logit, ties to the lowest). The diagonal holds the correct
/// predictions; row t sums to the number of samples of class t.
/// </summary>
public sealed class ConfusionMatrix
{
    private const string Name = "confusion matrix";
    private readonly long[] _counts;

    /// <summary>An all-zero matrix for <paramref name="classCount"/> classes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">classCount is not positive.</exception>
    public ConfusionMatrix(int classCount)
    {
        if (classCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"{Name}: classCount must be positive");
        ClassCount = classCount;
        _counts = new long[classCount * classCount];
    }

    /// <summary>The number of classes (rows and columns).</summary>
    public int ClassCount { get; }

    /// <summary>The number of samples counted.</summary>
    public long Total { get; private set; }

    /// <summary>How many samples of class <paramref name="trueClass"/> were predicted as <paramref name="predictedClass"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A class is outside [0, <see cref="ClassCount"/>).</exception>
    public long this[int trueClass, int predictedClass]
    {
        get
        {
            if ((uint)trueClass >= (uint)ClassCount)
                throw new ArgumentOutOfRangeException(nameof(trueClass), trueClass, $"{Name}: class must be in [0, {ClassCount})");
            if ((uint)predictedClass >= (uint)ClassCount)
                throw new ArgumentOutOfRangeException(nameof(predictedClass), predictedClass, $"{Name}: class must be in [0, {ClassCount})");
            return _counts[trueClass * ClassCount + predictedClass];
        }
    }

    /// <summary>Counts a batch: <paramref name="labels"/> are <see cref="ClassLabels"/> (batch), <paramref name="logits"/>
    /// are scores (batch, <see cref="ClassCount"/>).</summary>
    /// <exception cref="ArgumentException">The labels are not <see cref="ClassLabels"/>, or they do not fit the logits.</exception>
    public void Update(Tensor labels, Tensor logits)
    {
        int batch = ClassIndices.Batch(logits, Name);
        if (logits.Shape[1] != ClassCount)
            throw new ArgumentException($"{Name}: logits {ShapeMath.Format([.. logits.Shape])} have {logits.Shape[1]} classes, the matrix has {ClassCount}", nameof(logits));
        Span<int> predicted = batch <= ClassIndices.StackLimit ? stackalloc int[batch] : new int[batch];
        var actual = ClassIndices.True(labels, logits, Name);
        ClassIndices.Predicted(logits, predicted);
        for (int i = 0; i < predicted.Length; i++)
            _counts[actual[i] * ClassCount + predicted[i]]++;
        Total += predicted.Length;
    }

    /// <summary>Sets every count to zero.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        Total = 0;
    }

    /// <summary>The counts as a right-aligned table, one row per true class and one column per predicted class, e.g.
    /// <code>
    /// true\pred  0  1
    ///         0  5  1
    ///         1  0  4
    /// </code></summary>
    public override string ToString()
    {
        const string corner = "true\\pred";
        int width = Math.Max(_counts.Max().ToString(CultureInfo.InvariantCulture).Length, (ClassCount - 1).ToString(CultureInfo.InvariantCulture).Length);
        var table = new StringBuilder(corner);
        for (int predicted = 0; predicted < ClassCount; predicted++)
            table.Append(predicted.ToString(CultureInfo.InvariantCulture).PadLeft(width + 2));
        for (int actual = 0; actual < ClassCount; actual++)
        {
            table.AppendLine().Append(actual.ToString(CultureInfo.InvariantCulture).PadLeft(corner.Length));
            for (int predicted = 0; predicted < ClassCount; predicted++)
                table.Append(_counts[actual * ClassCount + predicted].ToString(CultureInfo.InvariantCulture).PadLeft(width + 2));
        }
        return table.ToString();
    }
}
