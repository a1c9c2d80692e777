using MiniNet.Initializers;
using MiniNet.Layers;

namespace MiniNet.Models;

/// <summary>
/// A GPT as nanoGPT builds it (Karpathy's <c>model.py</c>), as a <see cref="Sequential"/> of MiniNet's layers: token and
/// position embeddings; <c>layers</c> pre-norm blocks, each x + attention(layer_norm(x)) then x + mlp(layer_norm(x)) with a
/// causal <see cref="MultiHeadAttention"/> and an MLP of 4·width GELU units; a final layer norm and a head to the
/// vocabulary's logits, (batch, context, vocabulary). Every kernel and embedding starts N(0, 0.02²), biases at zero, as
/// nanoGPT's; unlike nanoGPT, the head is a matrix of its own (not tied to the token embedding) and has no bias.
/// </summary>
public static class Gpt
{
    /// <summary>Builds the model for token ids (batch, context), given as float values.</summary>
    /// <param name="vocabularySize">Distinct tokens.</param>
    /// <param name="context">Tokens the model reads (nanoGPT's block_size).</param>
    /// <param name="layers">Transformer blocks.</param>
    /// <param name="heads">Attention heads per block; must divide the width.</param>
    /// <param name="width">The embedding width (n_embd).</param>
    /// <param name="dropout">Dropped fraction of the attention weights and of each block's two outputs while training.</param>
    /// <param name="seed">Seeds the initial weights and the dropout masks.</param>
    /// <exception cref="ArgumentException">A size is not positive, or the heads do not divide the width.</exception>
    public static Sequential Create(int vocabularySize, int context, int layers, int heads, int width, double dropout = 0, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        var normal = new RandomNormal(0.02);
        Layer[] Dropped(params Layer[] block) => dropout > 0 ? [.. block, new Dropout(dropout)] : block;
        var blocks = Enumerable.Range(0, layers).SelectMany(_ => new Layer[]
        {
            new Residual(Dropped(new LayerNormalization(), new MultiHeadAttention(heads, causal: true, dropout, kernelInitializer: normal))),
            new Residual(Dropped(new LayerNormalization(), new Dense(4 * width, Activation.Gelu, normal), new Dense(width, kernelInitializer: normal))),
        });
        return new Sequential([context],
            [new Embedding(vocabularySize, width, normal), new PositionEmbedding(context, normal), .. blocks,
             new LayerNormalization(), new Dense(vocabularySize, kernelInitializer: normal, useBias: false)], seed);
    }

    /// <summary>
    /// The floating-point operations of one training iteration (forward and backward) of <see cref="Create"/>'s model, counted
    /// as the matrix products do them (a multiply-add is 2): every weight matrix of n parameters costs 2·n per token forward
    /// and 4·n backward (the input's and the weight's gradients), 6·n·tokens in all; attention's q·kᵀ and weights·v cost
    /// 2·context·width each per token forward (every position against every other, the causal mask saving nothing in the
    /// GEMM), so 12·context·width per token and block in all. Embeddings, layer norms, softmax and GELU are left out (a few
    /// per cent), as in the PaLM paper's and nanoGPT's estimate.
    /// </summary>
    public static long FlopsPerIteration(int vocabularySize, int context, int layers, int width, int batchSize)
    {
        long tokens = (long)batchSize * context;
        long matrixWeights = layers * (3L * width * width + (long)width * width + 2L * width * 4 * width) + (long)width * vocabularySize;
        return 6 * matrixWeights * tokens + 12L * layers * context * width * tokens;
    }
}
