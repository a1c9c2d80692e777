using MiniNet.Tensors;
using MiniNet.Ops;

namespace MiniNet.Losses;

// The loss over labels with padding (their ignore index): a sum over every position, divided by the positions that count.
public sealed partial class SparseCategoricalCrossEntropy
{
    private Tensor MeanOverKeptPositions(Tensor labels, Tensor predictions)
    {
        if (labels is ClassLabels { IgnoreIndex: { } marked } && marked != IgnoreIndex)
            throw new ArgumentException($"{Name}: the labels mark padding with {marked} but the loss ignores {(IgnoreIndex is { } index ? index.ToString() : "no index")}; give the loss ignoreIndex: {marked}");
        int ignored = IgnoreIndex!.Value;
        var losses = SoftmaxCrossEntropyOp.Apply(predictions, labels, Name, ignored);
        return losses.Sum() * (1.0 / (labels.Length - labels.AsSpan<int>().Count(ignored)));
    }
}
