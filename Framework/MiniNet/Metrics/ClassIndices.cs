using System.Numerics;
using MiniNet.Tensors;

namespace MiniNet.Metrics;

/// <summary>Reads true classes from a label tensor and predicted classes from a logits tensor, checking that they fit.</summary>
internal static class ClassIndices
{
    /// <summary>Batches up to this size are read into stack buffers, so a metric update allocates nothing.</summary>
    public const int StackLimit = 1024;

    /// <summary>The batch size of (batch, classes) <paramref name="logits"/>, after checking that shape.</summary>
    public static int Batch(Tensor logits, string metric)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank != 2 || logits.Shape[1] == 0)
            throw new ArgumentException($"{metric}: logits must be (batch, classes), got {ShapeMath.Format([.. logits.Shape])}", nameof(logits));
        return logits.Shape[0];
    }

    /// <summary>Writes the index of the largest logit in each row of <paramref name="logits"/> (checked by <see cref="Batch"/>)
    /// to <paramref name="predicted"/>; ties go to the lowest index.</summary>
    public static void Predicted(Tensor logits, Span<int> predicted)
    {
        if (logits.DType == DType.Float32) Predicted<float>(logits.AsSpan<float>(), logits.Shape[1], predicted);
        else Predicted<double>(logits.AsSpan<double>(), logits.Shape[1], predicted);
    }

    private static void Predicted<T>(ReadOnlySpan<T> logits, int classes, Span<int> predicted) where T : IComparisonOperators<T, T, bool>
    {
        for (int row = 0; row < predicted.Length; row++)
        {
            var scores = logits.Slice(row * classes, classes);
            int best = 0;
            for (int column = 1; column < classes; column++)
                if (scores[column] > scores[best]) best = column;
            predicted[row] = best;
        }
    }

    /// <summary>Writes the class indices in <paramref name="labels"/>, shaped (batch) or (batch, 1) with batch the length of
    /// <paramref name="actual"/>, to <paramref name="actual"/>; throws before writing anything unless every label is an
    /// integer in [0, classes).</summary>
    public static void True(Tensor labels, int classes, string metric, Span<int> actual)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int batch = actual.Length;
        bool shapeFits = labels.Rank == 1 && labels.Shape[0] == batch || labels.Rank == 2 && labels.Shape[0] == batch && labels.Shape[1] == 1;
        if (!shapeFits)
            throw new ArgumentException($"{metric}: labels {ShapeMath.Format([.. labels.Shape])} do not fit {batch} predictions; expected ({batch}) or ({batch},1) class indices", nameof(labels));
        for (int row = 0; row < batch; row++)
        {
            double label = labels.GetFlat(row);
            if (label != Math.Floor(label) || label < 0 || label >= classes)
                throw new ArgumentException($"{metric}: label {label} at row {row} is not a class index in [0, {classes})", nameof(labels));
            actual[row] = (int)label;
        }
    }
}
