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

    /// <summary>Adds a constant to every element.</summary>
    public static Tensor operator +(Tensor a, double b) => AddOp.Apply(a, ScalarLike(b, a));

    /// <summary>Subtracts a constant from every element.</summary>
    public static Tensor operator -(Tensor a, double b) => SubtractOp.Apply(a, ScalarLike(b, a));

    /// <summary>Subtracts every element from a constant.</summary>
    public static Tensor operator -(double a, Tensor b) => SubtractOp.Apply(ScalarLike(a, b), b);

    /// <summary>Multiplies every element by a constant.</summary>
    public static Tensor operator *(Tensor a, double b) => MultiplyOp.Apply(a, ScalarLike(b, a));

    /// <summary>Multiplies every element by a constant.</summary>
    public static Tensor operator *(double a, Tensor b) => MultiplyOp.Apply(ScalarLike(a, b), b);

    /// <summary>Divides every element by a constant.</summary>
    public static Tensor operator /(Tensor a, double b) => DivideOp.Apply(a, ScalarLike(b, a));

    /// <summary>Element-wise negation.</summary>
    public static Tensor operator -(Tensor a) => NegateOp.Apply(a);

    /// <summary>Matrix product: (m×k) · (k×n) → (m×n).</summary>
    public Tensor MatMul(Tensor other) => MatMulOp.Apply(this, other);

    /// <summary>Permutes the axes (output dimension d is input dimension axes[d]); with none given (or null), reverses them (the matrix transpose).</summary>
    public Tensor Transpose(params int[]? axes) => TransposeOp.Apply(this, axes is null or [] ? null : axes);

    /// <summary>The same elements under a new shape; one dimension may be -1 and is then inferred.</summary>
    public Tensor Reshape(params int[] shape) => ReshapeOp.Apply(this, shape);

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

    /// <summary>Element-wise eˣ.</summary>
    public Tensor Exp() => ExpOp.Apply(this);

    /// <summary>Element-wise natural logarithm.</summary>
    public Tensor Log() => LogOp.Apply(this);

    /// <summary>Element-wise x².</summary>
    public Tensor Square() => SquareOp.Apply(this);

    /// <summary>Element-wise square root.</summary>
    public Tensor Sqrt() => SqrtOp.Apply(this);

    /// <summary>Element-wise max(x, 0).</summary>
    public Tensor Relu() => ReluOp.Apply(this);

    /// <summary>Element-wise logistic sigmoid 1 / (1 + e⁻ˣ).</summary>
    public Tensor Sigmoid() => SigmoidOp.Apply(this);

    /// <summary>Element-wise hyperbolic tangent.</summary>
    public Tensor Tanh() => TanhOp.Apply(this);

    /// <summary>Element-wise clamp to [<paramref name="low"/>, <paramref name="high"/>]; no gradient flows where a value was clipped.</summary>
    public Tensor Clip(double low, double high) => ClipOp.Apply(this, low, high);

    /// <summary>Softmax along <paramref name="axis"/> (default the last): non-negative values summing to 1, computed stably.</summary>
    public Tensor Softmax(int axis = -1) => SoftmaxOp.Softmax(this, axis);

    /// <summary>Log of the softmax along <paramref name="axis"/> (default the last), computed without overflow or log(0).</summary>
    public Tensor LogSoftmax(int axis = -1) => SoftmaxOp.LogSoftmax(this, axis);

    // The constant operand of `tensor op value`, in the tensor's dtype.
    private static Tensor ScalarLike(double value, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return TemporaryScalar(value, tensor.DType);
    }
}
