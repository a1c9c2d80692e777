using MiniNet.Ops;

namespace MiniNet.Tensors;

// The differentiable math a dense network's step uses: a sum, the matrix product and the mean. Each member forwards to one op
// in MiniNet.Ops, where its forward and backward live; the other operators and reductions are in TensorArithmetic.cs.
public partial class Tensor
{
    /// <summary>Element-wise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => AddOp.Apply(a, b);

    /// <summary>Matrix product: (m×k) · (k×n) → (m×n).</summary>
    public Tensor MatMul(Tensor other) => MatMulOp.Apply(this, other);

    /// <summary>The mean of all elements (a scalar), or along <paramref name="axis"/>.</summary>
    /// <param name="axis">The axis to reduce (negative counts from the end); null reduces all elements.</param>
    /// <param name="keepDims">Keep the reduced dimension with length 1.</param>
    public Tensor Mean(int? axis = null, bool keepDims = false) => SumOp.Mean(this, axis, keepDims);
}
