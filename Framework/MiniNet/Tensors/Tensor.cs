using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

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

    /// <summary>A tensor for a temporary result (an op's output, a gradient, a batch): drawn from the pool and owned by the
    /// current <see cref="TensorScope"/> when one is open, else newly allocated. Zeroed only when <paramref name="zeroed"/>.</summary>
    internal static Tensor Temporary(int[] shape, DType dtype, bool zeroed)
    {
        var scope = TensorScope.Current;
        if (scope == null) return Zeros(shape, dtype);
        var tensor = new Tensor(TensorPool.Rent(dtype, ShapeMath.ElementCount(shape), zeroed), dtype, shape) { Owner = scope };
        scope.Own(tensor);
        return tensor;
    }

    /// <summary>A temporary rank-0 tensor holding <paramref name="value"/> (the constant operand of <c>x * 2.0</c> and the like).</summary>
    internal static Tensor TemporaryScalar(double value, DType dtype)
    {
        var scalar = Temporary([], dtype, zeroed: false);
        scalar.SetFlat(0, value);
        return scalar;
    }

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

    private Array Storage => _storage ?? throw new ObjectDisposedException(nameof(Tensor),
        $"tensor {ShapeMath.Format(_shape)}: its buffer was recycled when its TensorScope ended; call MoveToOuterScope() or Clone() inside the scope to keep it");

    /// <summary>
    /// Keeps this tensor alive past the end of the current <see cref="TensorScope"/>: it moves to the enclosing scope, or, at
    /// the outermost scope, becomes an ordinary tensor. Does nothing for a tensor that belongs to no scope. Returns this tensor.
    /// </summary>
    public Tensor MoveToOuterScope()
    {
        if (Owner == null) return this;
        Owner = Owner.Outer;
        Owner?.Own(this);
        return this;
    }

    /// <summary>Hands the buffer back to the pool; reading the tensor afterwards throws.</summary>
    internal void ReturnToPool()
    {
        TensorPool.Return(DType, Storage);
        _storage = null;
        Owner = null;
    }

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

    /// <summary>The element at a multi-dimensional index, as a double (read or written).</summary>
    /// <exception cref="ArgumentException">The index has the wrong rank or is out of range.</exception>
    [IndexerName("Element")]
    public double this[params int[] index]
    {
        get => GetFlat(FlatIndex(index));
        set => SetFlat(FlatIndex(index), value);
    }

    /// <summary>The value of a one-element tensor (a scalar, or any shape of size 1).</summary>
    /// <exception cref="InvalidOperationException">The tensor holds more or fewer than one element.</exception>
    public double Item()
    {
        if (Length != 1) throw new InvalidOperationException($"item: tensor of shape {ShapeMath.Format(_shape)} has {Length} elements, not 1");
        return GetFlat(0);
    }

    /// <summary>A copy converted to <paramref name="dtype"/> (not recorded by the tape).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is int32 (only <see cref="ClassLabels"/> hold
    /// integers; make them with its constructor).</exception>
    public virtual Tensor To(DType dtype)
    {
        var result = Zeros(_shape, dtype);
        for (int i = 0; i < Length; i++) result.SetFlat(i, GetFlat(i));
        return result;
    }

    /// <summary>A copy with its own storage (not recorded by the tape).</summary>
    public Tensor Clone() => To(DType);

    /// <summary>The shape, dtype and values, e.g. "Tensor(2,2) float32 [1, 2, 3, 4]" (long tensors are elided).</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"Tensor{ShapeMath.Format(_shape)} {DTypeName(DType)} [");
        int shown = Math.Min(Length, 8);
        for (int i = 0; i < shown; i++)
            text.Append(i > 0 ? ", " : "").Append(GetFlat(i).ToString("G6", CultureInfo.InvariantCulture));
        if (shown < Length) text.Append($", ... ({Length} elements)");
        return text.Append(']').ToString();
    }

    /// <summary>The name used for a dtype in messages: "float32" or "float64".</summary>
    public static string DTypeName(DType dtype) => dtype switch { DType.Float32 => "float32", DType.Float64 => "float64", _ => "int32" };

    internal double GetFlat(int i) => DType switch
    {
        DType.Float32 => AsSpan<float>()[i],
        DType.Float64 => AsSpan<double>()[i],
        _ => AsSpan<int>()[i],
    };

    internal void SetFlat(int i, double value)
    {
        if (DType == DType.Int32)
            throw new InvalidOperationException("tensor: class labels are checked when made and cannot be changed; make new ClassLabels");
        if (DType == DType.Float32) AsSpan<float>()[i] = (float)value;
        else AsSpan<double>()[i] = value;
    }

    /// <summary>Puts this tensor in the current <see cref="TensorScope"/>, if one is open, whose end recycles its buffer.</summary>
    private protected void OwnByCurrentScope()
    {
        if (TensorScope.Current is not { } scope) return;
        Owner = scope;
        scope.Own(this);
    }

    private int FlatIndex(int[] index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.Length != Rank)
            throw new ArgumentException($"index: {index.Length} indices given for a tensor of shape {ShapeMath.Format(_shape)}", nameof(index));
        int flat = 0;
        for (int d = 0; d < Rank; d++)
        {
            if ((uint)index[d] >= (uint)_shape[d])
                throw new ArgumentException($"index: index {index[d]} is out of range for dimension {d} of shape {ShapeMath.Format(_shape)}", nameof(index));
            flat = flat * _shape[d] + index[d];
        }
        return flat;
    }
}
