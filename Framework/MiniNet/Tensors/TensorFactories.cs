namespace MiniNet.Tensors;

// New tensors of one value, of ones, or of zeros shaped like another (Zeros is with the class), and a tensor sharing another's
// storage, as a variable is made.
public partial class Tensor
{
    /// <summary>A tensor that shares <paramref name="other"/>'s storage and shape (used by <see cref="Variable"/>).</summary>
    protected Tensor(Tensor other) : this(other.Storage, other.DType, other._shape) { }

    /// <summary>A new tensor with every element equal to <paramref name="value"/>.</summary>
    public static Tensor Full(double value, int[] shape, DType dtype = DType.Float32)
    {
        var tensor = Zeros(shape, dtype);
        if (dtype == DType.Float32) tensor.AsSpan<float>().Fill((float)value);
        else tensor.AsSpan<double>().Fill(value);
        return tensor;
    }

    /// <summary>A new tensor of ones.</summary>
    public static Tensor Ones(int[] shape, DType dtype = DType.Float32) => Full(1, shape, dtype);

    /// <summary>A rank-0 tensor holding one value.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float32) => Full(value, [], dtype);

    /// <summary>A new uninitialised-looking (zeroed) tensor with the same shape and dtype as <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like) => Zeros(like._shape, like.DType);
}
