using MiniNet.Initializers;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// Adds a learned vector per position, as GPT-2's and nanoGPT's <c>wpe</c> and KerasHub's PositionEmbedding: a table
/// (sequenceLength, width) whose row t is added to every example's vector at position t, so (batch, time, width) gives
/// (batch, time, width) for any time up to sequenceLength. The lookup is an <see cref="EmbeddingOp"/> of the positions 0 ..
/// time-1 and the add broadcasts over the batch, so the table's gradient is the batch's gradients summed per position.
/// The table starts N(0, 0.02²), as nanoGPT's.
/// </summary>
public sealed class PositionEmbedding : Layer
{
    private readonly Initializer _embeddingsInitializer;
    private readonly Dictionary<(int Time, DType DType), Tensor> _positions = [];

    /// <summary>Describes the layer; its table is created when a model builds it.</summary>
    /// <param name="sequenceLength">The longest sequence (the context): the table's rows; must be positive.</param>
    /// <param name="embeddingsInitializer">Default <see cref="RandomNormal"/> with σ = 0.02.</param>
    public PositionEmbedding(int sequenceLength, Initializer? embeddingsInitializer = null)
    {
        if (sequenceLength <= 0)
            throw new ArgumentOutOfRangeException(nameof(sequenceLength), sequenceLength, $"position embedding: sequenceLength must be positive, got {sequenceLength}");
        SequenceLength = sequenceLength;
        _embeddingsInitializer = embeddingsInitializer ?? new RandomNormal(0.02);
    }

    /// <summary>The longest sequence the layer takes.</summary>
    public int SequenceLength { get; }

    /// <summary>The table, (sequenceLength, width): row t is added at position t.</summary>
    public Variable Embeddings { get; private set; } = null!;

    /// <inheritdoc />
    public override int OutputSize => InputSize;

    /// <inheritdoc />
    public override IReadOnlyList<int> OutputShape => InputShape;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The inputs are not (batch, time, width) with the table's width and time at most
    /// <see cref="SequenceLength"/>.</exception>
    public override Tensor Call(Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Rank != 3 || inputs.Shape[1] > SequenceLength || inputs.Shape[2] != Embeddings.Shape[1])
            throw new ArgumentException($"position embedding '{Name}': inputs {ShapeMath.Format(inputs.ShapeArray)} must be (batch, time, {Embeddings.Shape[1]}) with time at most {SequenceLength}", nameof(inputs));
        return inputs + EmbeddingOp.Apply(Positions(inputs.Shape[1], inputs.DType), Embeddings);
    }

    /// <summary>Takes examples shaped (time, width), time at most <see cref="SequenceLength"/>.</summary>
    /// <exception cref="ArgumentException">The examples are not so shaped.</exception>
    protected override void CreateVariables(IReadOnlyList<int> inputShape, Random random, DType dtype)
    {
        if (inputShape.Count != 2 || inputShape[0] > SequenceLength)
            throw new ArgumentException($"position embedding '{Name}': input examples {ShapeMath.Format([.. inputShape])} must be (time, width) with time at most {SequenceLength}; put it after an Embedding");
        int width = inputShape[1];
        Embeddings = AddVariable("embeddings", _embeddingsInitializer.Create([SequenceLength, width], SequenceLength, width, random, dtype));
    }

    // The ids 0 .. time-1, made once per length and dtype and reused by every call.
    private Tensor Positions(int time, DType dtype)
    {
        if (!_positions.TryGetValue((time, dtype), out var positions))
            _positions[(time, dtype)] = positions = new Tensor([.. Enumerable.Range(0, time).Select(t => (double)t)], time).To(dtype);
        return positions;
    }
}
