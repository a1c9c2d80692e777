namespace MiniNet.Tensors;

// New tensors filled with zeros, ones or one value.
public partial class Tensor
{
    /// <summary>A new tensor of zeros.</summary>
    public static Tensor Zeros(int[] shape, DType dtype = DType.Float32) => dtype switch
    {
        DType.Float32 => new Tensor(new float[ShapeMath.ElementCount(shape)], shape),
        DType.Float64 => new Tensor(new double[ShapeMath.ElementCount(shape)], shape),
        DType.Int32 => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "tensor: only ClassLabels hold int32 values; make them with new ClassLabels(indices, classCount)"),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "tensor: unknown dtype"),
    };

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
