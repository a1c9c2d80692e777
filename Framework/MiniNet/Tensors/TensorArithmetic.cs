using MiniNet.Ops;

namespace MiniNet.Tensors;

// The other element-wise operators between tensors, and the sum and maximum reductions. Each member forwards to one op in
// MiniNet.Ops, where its forward and backward live.
public partial class Tensor
{
    /// <summary>Element-wise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => SubtractOp.Apply(a, b);

    /// <summary>Element-wise product with broadcasting (not the matrix product: see <see cref="MatMul"/>).</summary>
    public static Tensor operator *(Tensor a, Tensor b) => MultiplyOp.Apply(a, b);

    /// <summary>Element-wise quotient with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => DivideOp.Apply(a, b);

    /// <summary>Element-wise negation.</summary>
    public static Tensor operator -(Tensor a) => NegateOp.Apply(a);

    /// <summary>The sum of all elements (a scalar), or along <paramref name="axis"/>.</summary>
    /// <param name="axis">The axis to reduce (negative counts from the end); null reduces all elements.</param>
    /// <param name="keepDims">Keep the reduced dimension with length 1, so the result broadcasts against this tensor.</param>
    public Tensor Sum(int? axis = null, bool keepDims = false) => SumOp.Sum(this, axis, keepDims);

    /// <summary>The maximum of all elements (a scalar), or along <paramref name="axis"/>; its gradient goes to the first maximum.</summary>
    /// <param name="axis">The axis to reduce (negative counts from the end); null reduces all elements.</param>
    /// <param name="keepDims">Keep the reduced dimension with length 1.</param>
    public Tensor Max(int? axis = null, bool keepDims = false) => MaxOp.Apply(this, axis, keepDims);
}
