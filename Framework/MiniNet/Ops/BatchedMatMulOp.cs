using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// Matrix products over leading batch dimensions, as PyTorch's <c>torch.matmul</c>: A (..., m, k) · B (..., k, n) →
/// (..., m, n), one product per index of the leading dimensions, which A and B share; with <c>transposeB</c>, B is stored
/// (..., n, k) and read as its transpose in place (attention's q·kᵀ, no copy; "matmul_transpose_b" on a tape). A B of rank 2 is one weight for every
/// matrix of A (a dense layer over a sequence), and the whole stack is one product (batch·m × k) · (k × n).
/// Backward: dA += dY · op(B)ᵀ, dB += op(A)ᵀ · dY per product (summed over the stack for a shared B), each through the GEMM.
/// <para>Causal attention's two products can say so (<c>causal</c>), and then do about half the multiply-adds, with the
/// same bits where they compute: the scores q·kᵀ keep only their lower triangle, tril(A·Bᵀ) (a query's scores for later keys,
/// which the causal softmax never reads, are zero), and the weights times v read only the weights' lower triangle,
/// tril(A)·B (the softmax's zeros are skipped). The backward passes skip the same triangles: for tril(A·Bᵀ),
/// dA = tril(dY)·B and dB = tril(dY)ᵀ·A; for tril(A)·B, dA = tril(dY·Bᵀ) and dB = tril(A)ᵀ·dY.</para>
/// </summary>
public sealed class BatchedMatMulOp : Op
{
    private readonly int _batch, _m, _k, _n;
    private readonly bool _transposeB, _sharedB, _causal;

    private BatchedMatMulOp(Tensor a, Tensor b, bool transposeB, bool causal) : base(transposeB ? "matmul_transpose_b" : "matmul", a, b)
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
        if (causal && (_sharedB || (transposeB ? _n != _m : _k != _m)))
            throw new ArgumentException($"matmul: {Shapes()}: a causal product is attention's, over square (time, time) matrices of a shared batch: {(transposeB ? "q·kᵀ" : "weights·v")} needs {(transposeB ? "as many keys as queries" : "the weights square")}");
        _causal = causal;
    }

    /// <summary>The triangle each product leaves out: none, or causal attention's (see the class).</summary>
    private MatMulTriangle Triangle(MatMulTriangle causalTriangle) => _causal ? causalTriangle : MatMulTriangle.None;

    /// <summary>A (..., m, k) times B (..., k, n), or times Bᵀ with B stored (..., n, k) when <paramref name="transposeB"/>;
    /// a rank-2 B multiplies every matrix of A. With <paramref name="causal"/>, causal attention's triangles are left out:
    /// tril(A·Bᵀ) with <paramref name="transposeB"/>, tril(A)·B without (see the class).</summary>
    /// <exception cref="ArgumentException">A rank is below 2, the leading dimensions differ, or the inner dimensions differ;
    /// the message shows both shapes. Causal, the matrices are not square or B is shared.</exception>
    public static Tensor Apply(Tensor a, Tensor b, bool transposeB = false, bool causal = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var op = new BatchedMatMulOp(a, b, transposeB, causal);
        return op.Run([.. a.ShapeArray[..^1], op._n]);
    }

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        if (_sharedB)
            MatMulKernels.Multiply(Inputs[0].AsSpan<T>(), Inputs[1].AsSpan<T>(), Output.AsSpan<T>(), _batch * _m, _k, _n, transposeB: _transposeB);
        else
            BatchedMatMulKernels.Multiply(Inputs[0].AsSpan<T>(), Inputs[1].AsSpan<T>(), Output.AsSpan<T>(), _batch, _m, _k, _n, transposeB: _transposeB,
                triangle: Triangle(_transposeB ? MatMulTriangle.LowerResult : MatMulTriangle.LowerA));
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
            BatchedMatMulKernels.Multiply(outputGradient, b, da.AsSpan<T>(), _batch, _m, _n, _k, transposeB: !_transposeB,
                triangle: Triangle(_transposeB ? MatMulTriangle.LowerA : MatMulTriangle.LowerResult));
            gradients.Add(Inputs[0], da);
        }
        if (gradients.WantsGradient(Inputs[1]))
        {
            var db = Tensor.Temporary(Inputs[1].ShapeArray, Inputs[1].DType, zeroed: false);
            if (_transposeB) BatchedMatMulKernels.Multiply(outputGradient, a, db.AsSpan<T>(), _batch, _n, _m, _k, transposeA: true, triangle: Triangle(MatMulTriangle.UpperA));
            else BatchedMatMulKernels.Multiply(a, outputGradient, db.AsSpan<T>(), _batch, _k, _m, _n, transposeA: true, triangle: Triangle(MatMulTriangle.UpperA));
            gradients.Add(Inputs[1], db);
        }
    }
}
