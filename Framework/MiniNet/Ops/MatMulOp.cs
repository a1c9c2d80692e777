using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Matrix product Y (m×n) = A (m×k) · B (k×n); dA += dY · Bᵀ, dB += Aᵀ · dY.</summary>
public sealed class MatMulOp : Op
{
    private readonly int _m, _k, _n;

    private MatMulOp(Tensor a, Tensor b) : base("matmul", a, b)
    {
        string Shapes() => $"{ShapeMath.Format(a.ShapeArray)} x {ShapeMath.Format(b.ShapeArray)}";
        if (a.Rank != 2 || b.Rank != 2) throw new ArgumentException($"matmul: {Shapes()}: both operands must be rank 2");
        if (a.Shape[1] != b.Shape[0])
            throw new ArgumentException($"matmul: {Shapes()}: inner dimensions {a.Shape[1]} and {b.Shape[0]} differ");
        (_m, _k, _n) = (a.Shape[0], a.Shape[1], b.Shape[1]);
    }

    /// <summary>Multiplies <paramref name="a"/> (m×k) by <paramref name="b"/> (k×n).</summary>
    public static Tensor Apply(Tensor a, Tensor b) => new MatMulOp(a, b).Run([a.Shape[0], b.Shape[1]]);

    /// <inheritdoc />
    protected override void Forward<T>() =>
        MatMulKernels.Multiply(Inputs[0].AsSpan<T>(), Inputs[1].AsSpan<T>(), Output.AsSpan<T>(), _m, _k, _n);

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        gradients.AddMatMul(Inputs[0], outputGradient, Inputs[1].AsSpan<T>(), _m, _n, _k, transposeB: true);
        gradients.AddMatMul(Inputs[1], Inputs[0].AsSpan<T>(), outputGradient, _k, _m, _n, transposeA: true);
    }
}
