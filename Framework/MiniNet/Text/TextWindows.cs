using MathNet.Numerics.Random;
using MiniNet.Data;
using MiniNet.Tensors;

namespace MiniNet.Text;

/// <summary>
/// Windows of a long text for a model that predicts every next character, as nanoGPT's <c>get_batch</c>: a batch is
/// <c>batchSize</c> windows at random offsets, inputs the <see cref="ContextLength"/> ids from an offset and targets the
/// ids one further. <see cref="Split"/> fixes which parts of the text are train, validation and test by a seed; every
/// window lies inside one part, so no test character is ever trained on.
/// </summary>
public sealed class TextWindows
{
    private readonly int[] _ids;
    private readonly int[] _chunkStarts;     // where each of this split's chunks starts in the text
    private readonly long[] _windowsBefore;  // windows in the chunks before each chunk, and the total last
    private readonly int _seed;

    private TextWindows(int[] ids, int classCount, int contextLength, int chunkLength, int[] chunkStarts, int seed)
    {
        (_ids, ClassCount, ContextLength, _chunkStarts, _seed) = (ids, classCount, contextLength, chunkStarts, seed);
        _windowsBefore = new long[chunkStarts.Length + 1];
        for (int i = 0; i < chunkStarts.Length; i++)
            _windowsBefore[i + 1] = _windowsBefore[i] + Math.Max(0, Math.Min(chunkLength, ids.Length - chunkStarts[i]) - contextLength);
    }

    /// <summary>Cuts <paramref name="ids"/> (a text's token ids) into consecutive chunks of <paramref name="chunkLength"/>,
    /// shuffles the chunks by <paramref name="seed"/> and gives 80% of them to train on, 10% to validate and 10% to test.</summary>
    /// <param name="ids">The text's token ids (<see cref="CharacterVocabulary.Encode"/>).</param>
    /// <param name="classCount">The vocabulary's size: the targets' classes.</param>
    /// <param name="contextLength">Characters per window (nanoGPT's block_size).</param>
    /// <param name="seed">Fixes the split and, with the step, each batch.</param>
    /// <param name="chunkLength">Characters per chunk; more than <paramref name="contextLength"/>, so a chunk holds windows.</param>
    /// <exception cref="ArgumentException">A length is out of range, an id is outside [0, classCount), or the text is too short
    /// to give each split a window.</exception>
    public static (TextWindows Train, TextWindows Validation, TextWindows Test) Split(int[] ids, int classCount, int contextLength, int seed, int chunkLength = 1000)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 1);
        if (chunkLength <= contextLength)
            throw new ArgumentOutOfRangeException(nameof(chunkLength), chunkLength, $"text windows: chunkLength must exceed the context length {contextLength}");
        int wrong = Array.FindIndex(ids, id => id < 0 || id >= classCount);
        if (wrong >= 0) throw new ArgumentException($"text windows: id {ids[wrong]} at position {wrong} is not in [0, {classCount})", nameof(ids));
        var starts = Enumerable.Range(0, (ids.Length + chunkLength - 1) / chunkLength).Select(chunk => chunk * chunkLength).ToArray();
        new Xoshiro256StarStar(seed, threadSafe: false).Shuffle(starts);
        int train = (int)(0.8 * starts.Length), validation = (int)(0.9 * starts.Length);
        var splits = new[] { starts[..train], starts[train..validation], starts[validation..] }
            .Select(part => new TextWindows(ids, classCount, contextLength, chunkLength, [.. part.Order()], seed)).ToArray();
        if (splits.Any(split => split.Count == 0))
            throw new ArgumentException($"text windows: {ids.Length} characters in chunks of {chunkLength} leave a split without a window of {contextLength}; use a longer text or shorter chunks", nameof(ids));
        return (splits[0], splits[1], splits[2]);
    }

    /// <summary>Characters per window.</summary>
    public int ContextLength { get; }

    /// <summary>The targets' classes: the vocabulary's size.</summary>
    public int ClassCount { get; }

    /// <summary>The number of distinct windows in this split.</summary>
    public long Count => _windowsBefore[^1];

    /// <summary>Batch number <paramref name="step"/>: <paramref name="batchSize"/> windows at offsets drawn uniformly (with
    /// replacement) from a generator seeded by the split's seed and the step, so the same step always gives the same batch
    /// (a resumed run reads what an unbroken one would).</summary>
    /// <returns>Inputs (batchSize, contextLength) of token ids as float values of <paramref name="dtype"/>, and targets: the
    /// next id at every position, batchSize·contextLength class indices in (batch, time) order.</returns>
    public (Tensor Inputs, ClassLabels Targets) Batch(int batchSize, int step, DType dtype = DType.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (dtype == DType.Int32) throw new ArgumentException("text windows: the inputs are token ids as float values; give float32 or float64", nameof(dtype));
        // Every element is written by BatchInto; inside a TensorScope the buffers are recycled, as a Dataset's batches are.
        var inputs = Tensor.Temporary([batchSize, ContextLength], dtype, zeroed: false);
        var targets = ClassLabels.Temporary(batchSize * ContextLength, ClassCount);
        BatchInto(step, inputs, targets);
        return (inputs, targets);
    }

    /// <summary>As <see cref="Batch"/>, written into <paramref name="inputs"/> (batch, contextLength) and
    /// <paramref name="targets"/> (batch·contextLength): the fixed inputs of a captured step
    /// (<see cref="Autodiff.CapturedStep"/>), filled anew each iteration.</summary>
    /// <exception cref="ArgumentException">The tensors are not shaped (batch, contextLength) and (batch·contextLength), the
    /// inputs are int32, or the targets' class count is not the vocabulary's.</exception>
    public void BatchInto(int step, Tensor inputs, ClassLabels targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Rank != 2 || inputs.Shape[1] != ContextLength || inputs.DType == DType.Int32 || targets.Length != inputs.Length || targets.ClassCount != ClassCount)
            throw new ArgumentException($"text windows: a batch fills float inputs (batch, {ContextLength}) and {ClassCount}-class targets of as many elements; got {Tensor.DTypeName(inputs.DType)} {ShapeMath.Format(inputs.ShapeArray)} and {targets.ClassCount}-class {ShapeMath.Format(targets.ShapeArray)}");
        int batchSize = inputs.Shape[0];
        var random = new Xoshiro256StarStar(ShuffledDataset.EpochSeed(_seed, step), threadSafe: false);
        var y = targets.AsSpan<int>();
        for (int row = 0; row < batchSize; row++)
        {
            var window = _ids.AsSpan(Offset(random.NextInt64(Count)), ContextLength + 1);
            int x = row * ContextLength;
            for (int t = 0; t < ContextLength; t++)
            {
                inputs.SetFlat(x + t, window[t]);
                y[x + t] = window[t + 1];
            }
        }
    }

    // The text offset of window number `window`: in the last chunk with no more than `window` windows before it (a chunk too
    // short to hold a window has as many before it as the next, so it is never that chunk).
    private int Offset(long window)
    {
        int low = 0, high = _chunkStarts.Length - 1;
        while (low < high)
        {
            int middle = (low + high + 1) / 2;
            if (_windowsBefore[middle] <= window) low = middle;
            else high = middle - 1;
        }
        return _chunkStarts[low] + (int)(window - _windowsBefore[low]);
    }
}
