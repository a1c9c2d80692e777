using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// Attention's softmax over the last axis of scores (..., queries, keys): y = softmax(scale · x), with the causal mask
/// (query i sees keys 0..i only; the others get probability 0) when asked, the scale applied inside so the scores need no
/// op of their own. Backward: dx += scale · y ⊙ (dy - Σ dy·y) along each row (see <see cref="MaskedSoftmaxKernels"/>).
/// </summary>
public sealed class MaskedSoftmaxOp : Op
{
    private readonly double _scale;
    private readonly bool _causal;
    private readonly int _rows, _queries, _keys;

    private MaskedSoftmaxOp(Tensor scores, double scale, bool causal) : base(causal ? "causal_softmax" : "scaled_softmax", scores)
    {
        if (scores.Rank < 2)
            throw new ArgumentException($"{Name}: scores {ShapeMath.Format(scores.ShapeArray)} must be (..., queries, keys)");
        if (!double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, $"{Name}: scale must be finite, got {scale}");
        (_scale, _causal, _queries, _keys) = (scale, causal, scores.Shape[^2], scores.Shape[^1]);
        _rows = _keys == 0 ? 0 : scores.Length / _keys;
    }

    /// <summary>softmax(<paramref name="scale"/>·<paramref name="scores"/>) along the last axis, each query seeing only the
    /// keys up to its own position when <paramref name="causal"/>.</summary>
    /// <exception cref="ArgumentException">The scores have rank below 2.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale is not finite.</exception>
    public static Tensor Apply(Tensor scores, double scale = 1, bool causal = true)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new MaskedSoftmaxOp(scores, scale, causal).Run(scores.ShapeArray);
    }

    /// <inheritdoc />
    protected override void Forward<T>() =>
        MaskedSoftmaxKernels.Forward(Inputs[0].AsSpan<T>(), Output.AsSpan<T>(), _rows, _queries, _keys, T.CreateChecked(_scale), _causal);

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients) =>
        gradients.AddMaskedSoftmaxGradient(Inputs[0], Output.AsSpan<T>(), outputGradient, _rows, _queries, _keys, T.CreateChecked(_scale), _causal);
}
