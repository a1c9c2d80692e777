using System.Numerics;
using MiniNet.Tensors;

namespace MiniNet.Metrics;

/// <summary>Reads true classes from <see cref="ClassLabels"/> and predicted classes from a logits tensor, checking that they fit.</summary>
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

    /// <summary>The class indices of <paramref name="labels"/>, after checking that they are <see cref="ClassLabels"/> that fit
    /// (batch, classes) <paramref name="logits"/> (checked by <see cref="Batch"/>).</summary>
    public static ReadOnlySpan<int> True(Tensor labels, Tensor logits, string metric)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels is not ClassLabels classLabels)
            throw new ArgumentException($"{metric}: labels must be class indices (ClassLabels, int32), got a {Tensor.DTypeName(labels.DType)} tensor {ShapeMath.Format([.. labels.Shape])}", nameof(labels));
        classLabels.RequireFits(logits.ShapeArray, metric, asPredictions: true);
        return classLabels.Indices;
    }
}
