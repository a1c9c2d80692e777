using MiniNet.Initializers;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// Multi-head self-attention over a sequence (time, width) (Vaswani et al., 2017), as nanoGPT's <c>CausalSelfAttention</c>:
/// one fused projection to queries, keys and values, qkv = x·W_qkv + b_qkv (width → 3·width); each of the heads attends with
/// its own width/heads-wide slice, weights = softmax(q·kᵀ / √(width/heads)) (causal: a position sees only itself and earlier
/// ones), with dropout on the weights while training; the heads' outputs weights·v are set side by side again and
/// projected, y = concat·W_o + b_o. On a tape one attention step reads: matmul, add, split_heads ×3, attention (q·kᵀ, the
/// causal softmax and weights·v, head by head: <see cref="AttentionOp"/>), merge_heads, matmul, add; with dropout while
/// training, the attention op's three ops one by one (matmul_transpose_b, causal_softmax, dropout, matmul). Kernels are
/// Glorot-uniform unless told, biases zero.
/// </summary>
public sealed class MultiHeadAttention : Layer
{
    private readonly int? _seed;
    private readonly Initializer _kernelInitializer;

    /// <summary>Describes the layer.</summary>
    /// <param name="heads">How many heads; must divide the input width.</param>
    /// <param name="causal">Mask the future: position t attends to positions 0..t only (a language model).</param>
    /// <param name="dropout">The fraction of attention weights dropped while training, in [0, 1).</param>
    /// <param name="seed">Seeds the dropout masks; null draws one from the model's seed (see <see cref="Dropout"/>).</param>
    /// <param name="kernelInitializer">Draws both projections' kernels; default <see cref="GlorotUniform"/> (Keras's),
    /// <c>new RandomNormal(0.02)</c> for GPT-2's.</param>
    /// <exception cref="ArgumentOutOfRangeException">heads is not positive, or dropout is not in [0, 1).</exception>
    public MultiHeadAttention(int heads, bool causal = false, double dropout = 0, int? seed = null, Initializer? kernelInitializer = null)
    {
        _kernelInitializer = kernelInitializer ?? new GlorotUniform();
        if (heads <= 0) throw new ArgumentOutOfRangeException(nameof(heads), heads, $"multi-head attention: heads must be positive, got {heads}");
        DropoutOp.RequireRate(dropout);
        (Heads, Causal, DropoutRate, _seed) = (heads, causal, dropout, seed);
    }

    /// <summary>The number of heads.</summary>
    public int Heads { get; }

    /// <summary>Whether each position attends only to itself and earlier positions.</summary>
    public bool Causal { get; }

    /// <summary>The fraction of attention weights dropped while training.</summary>
    public double DropoutRate { get; }

    /// <summary>Each head's width: the input width / <see cref="Heads"/>; the scores are divided by its square root.</summary>
    public int HeadWidth => InputShape[^1] / Heads;

    /// <summary>The fused query, key and value projection, (width, 3·width): columns [0, width) make q, then k, then v.</summary>
    public Variable QkvKernel { get; private set; } = null!;

    /// <summary>The projection's bias, (3·width).</summary>
    public Variable QkvBias { get; private set; } = null!;

    /// <summary>The output projection, (width, width).</summary>
    public Variable OutputKernel { get; private set; } = null!;

    /// <summary>The output projection's bias, (width).</summary>
    public Variable OutputBias { get; private set; } = null!;

    /// <summary>The dropout masks' seed and step (as <see cref="Dropout"/>'s), or null when there is no dropout.</summary>
    public (Variable Seed, Variable Step)? DropoutState { get; private set; }

    /// <inheritdoc />
    public override int OutputSize => InputSize;

    /// <inheritdoc />
    public override IReadOnlyList<int> OutputShape => InputShape;

    /// <inheritdoc />
    public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

    /// <summary>Attends over (batch, time, width) inputs, dropping attention weights when <paramref name="training"/>.</summary>
    public override Tensor Call(Tensor inputs, bool training)
    {
        var qkv = inputs.MatMul(QkvKernel) + QkvBias;                            // (batch, time, 3·width)
        var q = SplitHeadsOp.Apply(qkv, Heads, part: 0, parts: 3);                // (batch, heads, time, head width)
        var k = SplitHeadsOp.Apply(qkv, Heads, part: 1, parts: 3);
        var v = SplitHeadsOp.Apply(qkv, Heads, part: 2, parts: 3);
        double scale = 1 / Math.Sqrt(HeadWidth);
        Tensor attended;                                                         // (batch, heads, time, head width)
        if (training && DropoutState is var (seed, step))
        {
            // Dropout on the weights: the three ops the attention op fuses, one by one.
            var scores = BatchedMatMulOp.Apply(q, k, transposeB: true, Causal);  // (batch, heads, time, time); causal: tril(q·kᵀ)
            var weights = DropoutOp.Apply(MaskedSoftmaxOp.Apply(scores, scale, Causal), DropoutRate, seed, step); // (counts the step)
            attended = BatchedMatMulOp.Apply(weights, v, causal: Causal);
        }
        else attended = AttentionOp.Apply(q, k, v, scale, Causal);                // softmax(scale·q·kᵀ)·v, head by head
        var heads = MergeHeadsOp.Apply(attended);                                // (batch, time, width)
        return heads.MatMul(OutputKernel) + OutputBias;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The examples are not (time, width) sequences, or the width does not divide into
    /// the heads.</exception>
    protected override void CreateVariables(IReadOnlyList<int> inputShape, Random random, DType dtype)
    {
        if (inputShape.Count != 2)
            throw new ArgumentException($"multi-head attention '{Name}': input examples must be sequences (time, width), got {ShapeMath.Format([.. inputShape])}");
        int width = inputShape[1];
        if (width % Heads != 0)
            throw new ArgumentException($"multi-head attention '{Name}': width {width} does not divide into {Heads} heads");
        QkvKernel = AddVariable("qkv_kernel", _kernelInitializer.Create([width, 3 * width], width, 3 * width, random, dtype));
        QkvBias = AddVariable("qkv_bias", Tensor.Zeros([3 * width], dtype));
        OutputKernel = AddVariable("output_kernel", _kernelInitializer.Create([width, width], width, width, random, dtype));
        OutputBias = AddVariable("output_bias", Tensor.Zeros([width], dtype));
        if (DropoutRate > 0)
            DropoutState = (AddVariable("seed", Tensor.Scalar(_seed ?? random.Next(), DType.Float64), trainable: false),
                AddVariable("step", Tensor.Zeros([], DType.Float64), trainable: false));
    }
}
