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

    // shareShape keeps the array, not a copy: a temporary's is fresh or another tensor's, and no tensor changes its shape.
    private protected Tensor(Array data, DType dtype, int[] shape, bool shareShape = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        int count = ShapeMath.ElementCount(shape);
        if (data.Length != count)
            throw new ArgumentException($"tensor: data has {data.Length} elements but shape {ShapeMath.Format(shape)} needs {count}", nameof(data));
        _storage = data;
        Length = count;
        _shape = shareShape ? shape : (int[])shape.Clone();
        DType = dtype;
    }

    /// <summary>A new tensor of zeros.</summary>
    public static Tensor Zeros(int[] shape, DType dtype = DType.Float32) => dtype switch
    {
        DType.Float32 => new Tensor(new float[ShapeMath.ElementCount(shape)], shape),
        DType.Float64 => new Tensor(new double[ShapeMath.ElementCount(shape)], shape),
        DType.Int32 => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "tensor: only ClassLabels hold int32 values; make them with new ClassLabels(indices, classCount)"),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "tensor: unknown dtype"),
    };

    /// <summary>A tensor for a temporary result (an op's output, a gradient, a batch): drawn from the pool and owned by the
    /// current <see cref="TensorScope"/> when one is open, else newly allocated. Zeroed only when <paramref name="zeroed"/>.</summary>
    internal static Tensor Temporary(int[] shape, DType dtype, bool zeroed) =>
        TemporaryLog.Current?.Take(shape, dtype, zeroed) ?? NewTemporary(shape, dtype, zeroed); // (a captured step's replays reuse theirs)

    internal static Tensor NewTemporary(int[] shape, DType dtype, bool zeroed)
    {
        var scope = TensorScope.Current;
        if (scope == null) return Zeros(shape, dtype);
        var tensor = new Tensor(TensorPool.Rent(dtype, ShapeMath.ElementCount(shape), zeroed), dtype, shape, shareShape: true) { Owner = scope };
        scope.Own(tensor);
        return tensor;
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

    /// <summary>The scope whose end recycles this tensor's buffer, or null for an ordinary tensor.</summary>
    internal TensorScope? Owner { get; private set; }

    // The buffer, or, once its scope has recycled it, an error saying how to keep a tensor past its scope.
    private Array Storage => _storage ?? throw new ObjectDisposedException(nameof(Tensor),
        $"tensor {ShapeMath.Format(_shape)}: its buffer was recycled when its TensorScope ended; call MoveToOuterScope() or Clone() inside the scope to keep it");

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

    /// <summary>The value of a one-element tensor (a scalar, or any shape of size 1).</summary>
    /// <exception cref="InvalidOperationException">The tensor holds more or fewer than one element.</exception>
    public double Item()
    {
        if (Length != 1) throw new InvalidOperationException($"item: tensor of shape {ShapeMath.Format(_shape)} has {Length} elements, not 1");
        return GetFlat(0);
    }

    internal double GetFlat(int i) => DType switch
    {
        DType.Float32 => AsSpan<float>()[i],
        DType.Float64 => AsSpan<double>()[i],
        _ => AsSpan<int>()[i],
    };

    /// <summary>Hands the buffer back to the pool (when its scope ends); reading the tensor afterwards throws.</summary>
    internal void ReturnToPool()
    {
        TensorPool.Return(DType, Storage);
        _storage = null;
        Owner = null;
    }
}
