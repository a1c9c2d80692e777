using System.Runtime.CompilerServices;

namespace MiniNet.Tensors;

/// <summary>
/// A dense, row-major array of float32 or float64 values (or int32 class indices, as <see cref="ClassLabels"/>) with a shape
/// of any rank (rank 0 is a scalar). A tensor owns one contiguous array. Its math (operators and methods such as <see cref="MatMul"/>) builds new tensors and, while a
/// <see cref="Autodiff.GradientTape"/> watches one of the inputs, is recorded for differentiation.
/// </summary>
public partial class Tensor
{
    private readonly int[] _shape;
    private Array? _storage;

    /// <summary>Wraps <paramref name="data"/> (not copied) as a float32 tensor of <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">The data's length is not the shape's element count.</exception>
    public Tensor(float[] data, params int[] shape) : this(data, DType.Float32, shape) { }

    /// <summary>Wraps <paramref name="data"/> (not copied) as a float64 tensor of <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">The data's length is not the shape's element count.</exception>
    public Tensor(double[] data, params int[] shape) : this(data, DType.Float64, shape) { }

    /// <summary>A tensor that shares <paramref name="other"/>'s storage and shape (used by <see cref="Variable"/>).</summary>
    protected Tensor(Tensor other) : this(other.Storage, other.DType, other._shape) { }

    private protected Tensor(Array data, DType dtype, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        int count = ShapeMath.ElementCount(shape);
        if (data.Length != count)
            throw new ArgumentException($"tensor: data has {data.Length} elements but shape {ShapeMath.Format(shape)} needs {count}", nameof(data));
        _storage = data;
        Length = count;
        _shape = (int[])shape.Clone();
        DType = dtype;
    }

    /// <summary>The dimensions, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The number of dimensions (0 for a scalar).</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements (the product of the dimensions).</summary>
    public int Length { get; private init; }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    internal int[] ShapeArray => _shape;

    /// <summary>The elements in row-major order, as a span over the tensor's own storage (writes change the tensor).</summary>
    /// <typeparam name="T"><see cref="float"/> for float32 tensors, <see cref="double"/> for float64.</typeparam>
    /// <exception cref="InvalidOperationException">T does not match <see cref="DType"/>.</exception>
    public Span<T> AsSpan<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float) && DType == DType.Float32 || typeof(T) == typeof(double) && DType == DType.Float64
            || typeof(T) == typeof(int) && DType == DType.Int32)
            return Unsafe.As<T[]>(Storage);
        throw new InvalidOperationException($"tensor: a {DTypeName(DType)} tensor cannot be read as {typeof(T).Name}");
    }

    /// <summary>A copy of the elements in row-major order.</summary>
    public T[] ToArray<T>() where T : unmanaged => AsSpan<T>().ToArray();
}
