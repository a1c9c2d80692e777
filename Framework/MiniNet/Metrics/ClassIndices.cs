using MiniNet.Tensors;

namespace MiniNet.Metrics;

/// <summary>Reads true classes from a label tensor and predicted classes from a logits tensor, checking that they fit.</summary>
internal static class ClassIndices
{
    /// <summary>The index of the largest logit in each row of (batch, classes) <paramref name="logits"/>; ties go to the
    /// lowest index.</summary>
    public static int[] Predicted(Tensor logits, string metric)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank != 2 || logits.Shape[1] == 0)
            throw new ArgumentException($"{metric}: logits must be (batch, classes), got {ShapeMath.Format([.. logits.Shape])}", nameof(logits));
        int batch = logits.Shape[0], classes = logits.Shape[1];
        var predicted = new int[batch];
        for (int row = 0; row < batch; row++)
        {
            int best = 0;
            for (int column = 1; column < classes; column++)
                if (logits.GetFlat(row * classes + column) > logits.GetFlat(row * classes + best)) best = column;
            predicted[row] = best;
        }
        return predicted;
    }

    /// <summary>The class indices in <paramref name="labels"/>, shaped (batch) or (batch, 1), each an integer in [0, classes).</summary>
    public static int[] True(Tensor labels, int batch, int classes, string metric)
    {
        ArgumentNullException.ThrowIfNull(labels);
        bool shapeFits = labels.Rank == 1 && labels.Shape[0] == batch || labels.Rank == 2 && labels.Shape[0] == batch && labels.Shape[1] == 1;
        if (!shapeFits)
            throw new ArgumentException($"{metric}: labels {ShapeMath.Format([.. labels.Shape])} do not fit {batch} predictions; expected ({batch}) or ({batch},1) class indices", nameof(labels));
        var indices = new int[batch];
        for (int row = 0; row < batch; row++)
        {
            double label = labels.GetFlat(row);
            if (label != Math.Floor(label) || label < 0 || label >= classes)
                throw new ArgumentException($"{metric}: label {label} at row {row} is not a class index in [0, {classes})", nameof(labels));
            indices[row] = (int)label;
        }
        return indices;
    }
}
