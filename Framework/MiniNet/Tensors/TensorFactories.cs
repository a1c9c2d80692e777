namespace MiniNet.Tensors;

// New tensors of ones, of one value, or of zeros shaped like another (Zeros and Full are with the class).
public partial class Tensor
{
    /// <summary>A new tensor of ones.</summary>
    public static Tensor Ones(int[] shape, DType dtype = DType.Float32) => Full(1, shape, dtype);

    /// <summary>A rank-0 tensor holding one value.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float32) => Full(value, [], dtype);

    /// <summary>A new uninitialised-looking (zeroed) tensor with the same shape and dtype as <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like) => Zeros(like._shape, like.DType);
}
