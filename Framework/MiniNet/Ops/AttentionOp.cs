using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// Scaled dot-product attention in one op, PyTorch's <c>scaled_dot_product_attention(q, k, v, is_causal=...)</c>:
/// softmax(scale·q·kᵀ)·v over the heads of (batch, heads, time, width) queries, keys and values, each query seeing only keys
/// up to its own position when causal. It replaces three ops, "matmul_transpose_b" (q·kᵀ), "causal_softmax" (or
/// "scaled_softmax") and "matmul" (weights·v), which remain the reference its tests compare against, bit for bit: the
/// kernel computes what they do head by head, so each head's scores and weights are used while they are in cache instead of
/// written out and read back between ops (<see cref="AttentionKernels"/>). The weights are kept for the backward pass.
/// Backward, per head: dv = Pᵀ·dY, dP = dY·vᵀ, dS = scale·P ⊙ (dP − Σ dP·P) row by row, dq = dS·k, dk = dSᵀ·q
/// (docs/attention.md derives them).
/// </summary>
public sealed class AttentionOp : Op
{
    private readonly AttentionKernels.Shape _shape;
    private readonly int[] _weightsShape; // (..., queries, keys)
    private Tensor _weights = null!;

    private AttentionOp(Tensor q, Tensor k, Tensor v, double scale, bool causal) : base("attention", q, k, v)
    {
        string Shapes() => $"attention: q {ShapeMath.Format(q.ShapeArray)}, k {ShapeMath.Format(k.ShapeArray)}, v {ShapeMath.Format(v.ShapeArray)}";
        if (q.Rank < 3 || k.Rank != q.Rank || v.Rank != q.Rank)
            throw new ArgumentException($"{Shapes()}: each must be (..., time, width) with the same leading (batch, heads) dimensions");
        var lead = q.ShapeArray.AsSpan(0, q.Rank - 2);
        if (!k.ShapeArray.AsSpan(0, k.Rank - 2).SequenceEqual(lead) || !v.ShapeArray.AsSpan(0, v.Rank - 2).SequenceEqual(lead))
            throw new ArgumentException($"{Shapes()}: the leading (batch, heads) dimensions differ");
        if (k.Shape[^1] != q.Shape[^1] || v.Shape[^2] != k.Shape[^2])
            throw new ArgumentException($"{Shapes()}: k must have q's width and v as many positions as k");
        if (causal && k.Shape[^2] != q.Shape[^2])
            throw new ArgumentException($"{Shapes()}: causal attention needs as many keys as queries");
        if (v.Shape[^1] != q.Shape[^1])
            throw new ArgumentException($"{Shapes()}: v must have q's width");
        if (!double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, $"attention: scale must be finite, got {scale}");
        _shape = new AttentionKernels.Shape(ShapeMath.ElementCount(lead), q.Shape[^2], k.Shape[^2], q.Shape[^1], scale, causal);
        _weightsShape = [.. q.ShapeArray[..^1], k.Shape[^2]];
    }

    /// <summary>softmax(<paramref name="scale"/>·q·kᵀ)·v over the last two axes, each query seeing keys up to its own
    /// position only when <paramref name="causal"/>; the output has q's shape.</summary>
    /// <exception cref="ArgumentException">The shapes do not fit (the message shows all three).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale is not finite.</exception>
    public static Tensor Apply(Tensor q, Tensor k, Tensor v, double scale, bool causal)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(k);
        ArgumentNullException.ThrowIfNull(v);
        return new AttentionOp(q, k, v, scale, causal).Run(q.ShapeArray);
    }

    /// <inheritdoc />
    protected override unsafe void Forward<T>()
    {
        _weights = Tensor.Temporary(_weightsShape, Output.DType, zeroed: false);
        fixed (T* q = Inputs[0].AsSpan<T>(), k = Inputs[1].AsSpan<T>(), v = Inputs[2].AsSpan<T>(), weights = _weights.AsSpan<T>(), output = Output.AsSpan<T>())
            AttentionKernels.Forward(q, k, v, weights, output, _shape);
    }

    /// <inheritdoc />
    protected override unsafe void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        var scratch = Tensor.Temporary(_weights.ShapeArray, Output.DType, zeroed: false);
        var (dq, dk, dv) = (Gradient(0), Gradient(1), Gradient(2));
        fixed (T* q = Inputs[0].AsSpan<T>(), k = Inputs[1].AsSpan<T>(), v = Inputs[2].AsSpan<T>(), weights = _weights.AsSpan<T>(),
               dy = outputGradient, scores = scratch.AsSpan<T>(), pq = dq.AsSpan<T>(), pk = dk.AsSpan<T>(), pv = dv.AsSpan<T>())
            AttentionKernels.Backward(q, k, v, weights, dy, scores, pq, pk, pv, _shape);
        for (int i = 0; i < 3; i++) gradients.Add(Inputs[i], i == 0 ? dq : i == 1 ? dk : dv);
    }

    private Tensor Gradient(int input) => Tensor.Temporary(Inputs[input].ShapeArray, Output.DType, zeroed: false);
}
