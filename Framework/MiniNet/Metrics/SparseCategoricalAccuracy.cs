using MiniNet.Tensors;

namespace MiniNet.Metrics;

/// <summary>
/// The fraction of examples whose largest logit is at their label's class index, accumulated over batches (e.g. one epoch)
/// as Keras's <c>SparseCategoricalAccuracy</c>. Ties between logits go to the lowest class index.
/// </summary>
/// <param name="name">The logged name; Keras's by default.</param>
public sealed class SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") : Metric(name)
{
    /// <summary>How many examples were predicted correctly.</summary>
    public long Correct => (long)Total;

    /// <summary>Adds a batch: <paramref name="targets"/> are <see cref="ClassLabels"/> (batch), <paramref name="predictions"/>
    /// are scores (batch, classes) (logits or probabilities: only their largest entry matters).</summary>
    /// <exception cref="ArgumentException">The targets are not <see cref="ClassLabels"/>, or they do not fit the predictions.</exception>
    public override void Update(Tensor targets, Tensor predictions) => Accumulate(CountCorrect(targets, predictions, Name), predictions.Shape[0]);

    /// <summary>How many rows of <paramref name="logits"/> have their largest entry at the row's class index.</summary>
    internal static int CountCorrect(Tensor labels, Tensor logits, string metric)
    {
        int batch = ClassIndices.Batch(logits, metric);
        Span<int> predicted = batch <= ClassIndices.StackLimit ? stackalloc int[batch] : new int[batch];
        var actual = ClassIndices.True(labels, logits, metric);
        ClassIndices.Predicted(logits, predicted);
        int correct = 0;
        for (int i = 0; i < predicted.Length; i++)
            if (predicted[i] == actual[i]) correct++;
        return correct;
    }
}
