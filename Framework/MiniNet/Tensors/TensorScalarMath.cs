using MiniNet.Ops;

namespace MiniNet.Tensors;

// Arithmetic between a tensor and a constant: the constant becomes a scalar tensor and broadcasts.
public partial class Tensor
{
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

    // The constant operand of `tensor op value`, in the tensor's dtype.
    private static Tensor ScalarLike(double value, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var scalar = Temporary([], tensor.DType, zeroed: false);
        scalar.SetFlat(0, value);
        return scalar;
    }
}
