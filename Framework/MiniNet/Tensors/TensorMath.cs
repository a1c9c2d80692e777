using MiniNet.Ops;

namespace MiniNet.Tensors;

// The differentiable math on tensors. Each member forwards to one op in MiniNet.Ops, where its forward and backward live.
public partial class Tensor
{
    /// <summary>Element-wise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => AddOp.Apply(a, b);

    /// <summary>Element-wise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => SubtractOp.Apply(a, b);

    /// <summary>Element-wise product with broadcasting (not the matrix product: see <see cref="MatMul"/>).</summary>
    public static Tensor operator *(Tensor a, Tensor b) => MultiplyOp.Apply(a, b);

    /// <summary>Element-wise quotient with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => DivideOp.Apply(a, b);

    /// <summary>Element-wise negation.</summary>
    public static Tensor operator -(Tensor a) => NegateOp.Apply(a);

    /// <summary>Matrix product: (m×k) · (k×n) → (m×n); over leading batch dimensions, (..., m, k) · (..., k, n) or
    /// (..., m, k) · (k, n) → (..., m, n) (see <see cref="BatchedMatMulOp"/>).</summary>
    public Tensor MatMul(Tensor other) => Rank > 2 ? BatchedMatMulOp.Apply(this, other) : MatMulOp.Apply(this, other);

    /// <summary>The sum of all elements (a scalar), or along <paramref name="axis"/>.</summary>
    /// <param name="axis">The axis to reduce (negative counts from the end); null reduces all elements.</param>
    /// <param name="keepDims">Keep the reduced dimension with length 1, so the result broadcasts against this tensor.</param>
    public Tensor Sum(int? axis = null, bool keepDims = false) => SumOp.Sum(this, axis, keepDims);

    /// <summary>The mean of all elements (a scalar), or along <paramref name="axis"/>.</summary>
    /// <param name="axis">The axis to reduce (negative counts from the end); null reduces all elements.</param>
    /// <param name="keepDims">Keep the reduced dimension with length 1.</param>
    public Tensor Mean(int? axis = null, bool keepDims = false) => SumOp.Mean(this, axis, keepDims);

    /// <summary>The maximum of all elements (a scalar), or along <paramref name="axis"/>; its gradient goes to the first maximum.</summary>
    /// <param name="axis">The axis to reduce (negative counts from the end); null reduces all elements.</param>
    /// <param name="keepDims">Keep the reduced dimension with length 1.</param>
    public Tensor Max(int? axis = null, bool keepDims = false) => MaxOp.Apply(this, axis, keepDims);
}
