namespace MiniNet.Tensors;

// How a tensor's buffer is lent by the pool to a TensorScope and handed back when the scope ends.
public partial class Tensor
{
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

    // The buffer, or, once its scope has recycled it, an error saying how to keep a tensor past its scope.
    private Array Storage => _storage ?? throw new ObjectDisposedException(nameof(Tensor),
        $"tensor {ShapeMath.Format(_shape)}: its buffer was recycled when its TensorScope ended; call MoveToOuterScope() or Clone() inside the scope to keep it");

    /// <summary>The scope whose end recycles this tensor's buffer, or null for an ordinary tensor.</summary>
    internal TensorScope? Owner { get; private set; }

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

    /// <summary>Puts this tensor in the current <see cref="TensorScope"/>, if one is open, whose end recycles its buffer.</summary>
    private protected void OwnByCurrentScope()
    {
        if (TensorScope.Current is not { } scope) return;
        Owner = scope;
        scope.Own(this);
    }
}
