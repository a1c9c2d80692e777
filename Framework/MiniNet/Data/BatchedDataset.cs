using System.Collections;
using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Data;

/// <summary>
/// A dataset cut into batches, enumerated once per epoch: each enumeration yields (features, targets) pairs, features a
/// float32 tensor (batch, ...feature shape) and targets either <see cref="ClassLabels"/> (batch), int32 class indices, or a
/// float32 tensor (batch, ...target shape) of values (<see cref="Dataset.TargetKind"/>). When the dataset is shuffled,
/// every enumeration starts the next epoch and so sees a new order. Create it once, before the epoch loop. With a
/// <see cref="Part"/>, it cuts the same batches and yields only this process's part of each (data-parallel training).
/// </summary>
public sealed partial class BatchedDataset : IEnumerable<(Tensor Features, Tensor Targets)>
{
    private readonly Dataset _source;
    private readonly ShuffledDataset? _shuffle;
    private int _nextEpoch;
    private int[]? _inOrder;

    /// <summary>Samples per batch (the last batch may be smaller unless <see cref="DropRemainder"/>); with a
    /// <see cref="Part"/>, the whole batch, of which this process draws its part.</summary>
    public int BatchSize { get; }

    /// <summary>Whether a last batch smaller than <see cref="BatchSize"/> is left out.</summary>
    public bool DropRemainder { get; }

    /// <summary>Starts the next epoch: fixes its order now and advances <see cref="NextEpoch"/>.</summary>
    public IEnumerator<(Tensor Features, Tensor Targets)> GetEnumerator()
    {
        EpochInProgress = true;
        int[] order = _shuffle?.Permutation(_nextEpoch) ?? (_inOrder ??= [.. Enumerable.Range(0, _source.Count)]);
        _nextEpoch++;
        return Batches(order);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerator<(Tensor Features, Tensor Targets)> Batches(int[] order)
    {
        int features = _source.FeatureCount;
        int targets = _source.TargetCount;
        bool classIndices = _source.TargetKind == TargetKind.ClassIndices;
        for (int start = 0; start < _source.Count; start += BatchSize)
        {
            int wholeSize = Math.Min(BatchSize, _source.Count - start);
            if (wholeSize < BatchSize && DropRemainder) break;
            var (partStart, size) = PartOf(wholeSize);
            if (size == 0) continue;
            // Every element is written below; inside a TensorScope the buffers are recycled.
            var featureTensor = Tensor.Temporary(ShapeMath.Batched(size, _source.FeatureShape), DType.Float32, zeroed: false);
            var samples = order.AsSpan(start + partStart, size);
            GatherKernels.GatherRows(_source.Features, features, samples, featureTensor.AsSpan<float>());
            Tensor targetTensor;
            if (classIndices)
            {
                targetTensor = ClassLabels.Temporary(size, _source.ClassCount);
                var labels = _source.Labels;
                var y = targetTensor.AsSpan<int>();
                for (int row = 0; row < size; row++) y[row] = labels[samples[row]];
            }
            else
            {
                targetTensor = Tensor.Temporary(ShapeMath.Batched(size, _source.TargetShape), DType.Float32, zeroed: false);
                GatherKernels.GatherRows(_source.TargetValues, targets, samples, targetTensor.AsSpan<float>());
            }
            yield return (featureTensor, targetTensor);
        }
        EpochInProgress = false;
    }

    private (int Start, int Length) PartOf(int batchSize) => Part?.Invoke(batchSize) ?? (0, batchSize);
}
