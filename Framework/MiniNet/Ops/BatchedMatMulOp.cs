using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// Matrix products over leading batch dimensions, as PyTorch's <c>torch.matmul</c>: A (..., m, k) · B (..., k, n) →
/// (..., m, n), one product per index of the leading dimensions, which A and B share; with <c>transposeB</c>, B is stored
/// (..., n, k) and read as its transpose in place (attention's q·kᵀ, no copy; "matmul_transpose_b" on a tape). A B of rank 2 is one weight for every
/// matrix of A (a dense layer over a sequence), and the whole stack is one product (batch·m × k) · (k × n).
/// Backward: dA += dY · op(B)ᵀ, dB += op(A)ᵀ · dY per product (summed over the stack for a shared B), each through the GEMM.
/// </summary>
public sealed class BatchedMatMulOp : Op
{
    private readonly int _batch, _m, _k, _n;
    private readonly bool _transposeB, _sharedB;

    private BatchedMatMulOp(Tensor a, Tensor b, bool transposeB) : base(transposeB ? "matmul_transpose_b" : "matmul", a, b)
    {
        string Shapes() => $"{ShapeMath.Format(a.ShapeArray)} x {ShapeMath.Format(b.ShapeArray)}{(transposeB ? "ᵀ" : "")}";
        if (a.Rank < 2 || b.Rank < 2) throw new ArgumentException($"matmul: {Shapes()}: both operands must have rank 2 or more");
        _sharedB = b.Rank == 2;
        if (!_sharedB && (a.Rank != b.Rank || !a.ShapeArray.AsSpan(0, a.Rank - 2).SequenceEqual(b.ShapeArray.AsSpan(0, b.Rank - 2))))
            throw new ArgumentException($"matmul: {Shapes()}: the leading (batch) dimensions differ; B must share them or be rank 2");
        (_m, _k) = (a.Shape[^2], a.Shape[^1]);
        int bRows = transposeB ? b.Shape[^1] : b.Shape[^2];
        _n = transposeB ? b.Shape[^2] : b.Shape[^1];
        if (bRows != _k) throw new ArgumentException($"matmul: {Shapes()}: inner dimensions {_k} and {bRows} differ");
        _batch = ShapeMath.ElementCount(a.ShapeArray.AsSpan(0, a.Rank - 2));
        _transposeB = transposeB;
    }

    /// <summary>A (..., m, k) times B (..., k, n), or times Bᵀ with B stored (..., n, k) when <paramref name="transposeB"/>;
    /// a rank-2 B multiplies every matrix of A.</summary>
    /// <exception cref="ArgumentException">A rank is below 2, the leading dimensions differ, or the inner dimensions differ;
    /// the message shows both shapes.</exception>
    public static Tensor Apply(Tensor a, Tensor b, bool transposeB = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var op = new BatchedMatMulOp(a, b, transposeB);
        return op.Run([.. a.ShapeArray[..^1], op._n]);
    }

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        if (_sharedB)
            MatMulKernels.Multiply(Inputs[0].AsSpan<T>(), Inputs[1].AsSpan<T>(), Output.AsSpan<T>(), _batch * _m, _k, _n, transposeB: _transposeB);
        else
            BatchedMatMulKernels.Multiply(Inputs[0].AsSpan<T>(), Inputs[1].AsSpan<T>(), Output.AsSpan<T>(), _batch, _m, _k, _n, transposeB: _transposeB);
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        ReadOnlySpan<T> a = Inputs[0].AsSpan<T>(), b = Inputs[1].AsSpan<T>();
        if (_sharedB)
        {
            // The stack is one (batch·m × k) matrix: dA = dY·op(B)ᵀ; dB = Aᵀ·dY (or dYᵀ·A for a transposed B), summed over all rows.
            gradients.AddMatMul(Inputs[0], outputGradient, b, _batch * _m, _n, _k, transposeB: !_transposeB);
            if (_transposeB) gradients.AddMatMul(Inputs[1], outputGradient, a, _n, _batch * _m, _k, transposeA: true);
            else gradients.AddMatMul(Inputs[1], a, outputGradient, _k, _batch * _m, _n, transposeA: true);
            return;
        }
        if (gradients.WantsGradient(Inputs[0]))
        {
            var da = Tensor.Temporary(Inputs[0].ShapeArray, Inputs[0].DType, zeroed: false);
            BatchedMatMulKernels.Multiply(outputGradient, b, da.AsSpan<T>(), _batch, _m, _n, _k, transposeB: !_transposeB);
            gradients.Add(Inputs[0], da);
        }
        if (gradients.WantsGradient(Inputs[1]))
        {
            var db = Tensor.Temporary(Inputs[1].ShapeArray, Inputs[1].DType, zeroed: false);
            if (_transposeB) BatchedMatMulKernels.Multiply(outputGradient, a, db.AsSpan<T>(), _batch, _n, _m, _k, transposeA: true);
            else BatchedMatMulKernels.Multiply(a, outputGradient, db.AsSpan<T>(), _batch, _k, _m, _n, transposeA: true);
            gradients.Add(Inputs[1], db);
        }
    }
}
