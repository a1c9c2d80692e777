using MiniNet.Initializers;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// Turns token ids into learned vectors, as Keras's Embedding (input_dim, output_dim) and PyTorch's nn.Embedding: a table
/// (vocabularySize, width) whose row i is token i's vector; inputs (batch, time) of ids give (batch, time, width) (ids
/// shaped (batch) give (batch, width) when the layer is called alone). The ids are float values that are whole numbers in
/// [0, vocabularySize), which is how a <c>Dataset</c> holds them, so <c>Fit</c> trains a model of token ids as any other
/// (<see cref="EmbeddingOp"/>). The table starts N(0, 1), as PyTorch's.
/// </summary>
public sealed class Embedding : Layer
{
    private readonly Initializer _embeddingsInitializer;

    /// <summary>Describes the layer; its table is created when a model builds it.</summary>
    /// <param name="vocabularySize">The number of distinct tokens (the table's rows); must be positive.</param>
    /// <param name="width">The length of each token's vector; must be positive.</param>
    /// <param name="embeddingsInitializer">Default <see cref="RandomNormal"/> with σ = 1.</param>
    public Embedding(int vocabularySize, int width, Initializer? embeddingsInitializer = null)
    {
        if (vocabularySize <= 0)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, $"embedding: vocabularySize must be positive, got {vocabularySize}");
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, $"embedding: width must be positive, got {width}");
        VocabularySize = vocabularySize;
        Width = width;
        _embeddingsInitializer = embeddingsInitializer ?? new RandomNormal();
    }

    /// <summary>The number of distinct tokens.</summary>
    public int VocabularySize { get; }

    /// <summary>The length of each token's vector.</summary>
    public int Width { get; }

    /// <summary>The table, (vocabularySize, width): row i is token i's vector.</summary>
    public Variable Embeddings { get; private set; } = null!;

    /// <inheritdoc />
    public override int OutputSize => InputSize * Width;

    /// <inheritdoc />
    public override IReadOnlyList<int> OutputShape => [.. InputShape, Width];

    /// <inheritdoc />
    public override Tensor Call(Tensor inputs) => EmbeddingOp.Apply(inputs, Embeddings);

    /// <summary>Takes examples of any shape of ids, e.g. (time).</summary>
    protected override void CreateVariables(IReadOnlyList<int> inputShape, Random random, DType dtype) =>
        Embeddings = AddVariable("embeddings", _embeddingsInitializer.Create([VocabularySize, Width], VocabularySize, Width, random, dtype));
}
