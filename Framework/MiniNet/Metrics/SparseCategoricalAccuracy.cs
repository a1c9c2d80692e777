using MiniNet.Tensors;

namespace MiniNet.Metrics;

/// <summary>
/// The fraction of samples whose largest logit is at their label's class index, accumulated over batches (e.g. one epoch)
/// as Keras's <c>SparseCategoricalAccuracy</c>. Ties between logits go to the lowest class index.
/// </summary>
public sealed class SparseCategoricalAccuracy
{
    private const string Name = "sparse_categorical_accuracy";

    /// <summary>The number of samples seen since creation or the last <see cref="Reset"/>.</summary>
    public long Count { get; private set; }

    /// <summary>How many of them were predicted correctly.</summary>
    public long Correct { get; private set; }

    /// <summary>Correct / Count, in [0, 1].</summary>
    /// <exception cref="InvalidOperationException">No samples have been seen.</exception>
    public double Result => Count > 0
        ? (double)Correct / Count
        : throw new InvalidOperationException($"{Name}: no samples yet; call Update first");

    /// <summary>Adds a batch: <paramref name="labels"/> are class indices (batch) or (batch, 1), <paramref name="logits"/>
    /// are scores (batch, classes) (logits or probabilities: only their largest entry matters).</summary>
    /// <exception cref="ArgumentException">The shapes do not fit, or a label is not a class index in [0, classes).</exception>
    public void Update(Tensor labels, Tensor logits)
    {
        int batch = ClassIndices.Batch(logits, Name);
        Span<int> predicted = batch <= ClassIndices.StackLimit ? stackalloc int[batch] : new int[batch];
        Span<int> actual = batch <= ClassIndices.StackLimit ? stackalloc int[batch] : new int[batch];
        ClassIndices.True(labels, logits.Shape[1], Name, actual);
        ClassIndices.Predicted(logits, predicted);
        for (int i = 0; i < predicted.Length; i++)
            if (predicted[i] == actual[i]) Correct++;
        Count += predicted.Length;
    }

    /// <summary>Forgets all samples seen (e.g. at the start of an epoch).</summary>
    public void Reset() => (Count, Correct) = (0, 0);

    /// <summary>Continues from a saved <see cref="Count"/> and <see cref="Correct"/> (a resumed epoch).</summary>
    internal void Restore(long count, long correct) => (Count, Correct) = (count, correct);
}
