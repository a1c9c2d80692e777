namespace MiniNet.Tensors;

// Keeping a temporary tensor past the TensorScope that owns it, and putting a tensor made elsewhere into the current scope.
public partial class Tensor
{
    private static long s_made;

    /// <summary>The order in which tensors were made in this process: a captured step tells the tensors made before it (its
    /// inputs and constants) from those made while it ran.</summary>
    internal readonly long Serial = Interlocked.Increment(ref s_made);

    /// <summary>The <see cref="Serial"/> of the last tensor made so far.</summary>
    internal static long LastSerial => Volatile.Read(ref s_made);

    /// <summary>Readies a captured step's temporary for its next replay, as <see cref="Temporary"/> readies a new one: a buffer
    /// from the pool, owned by the open scope, when its last one went back with its scope; else the one it kept.</summary>
    internal void Reuse(bool zeroed)
    {
        var scope = TensorScope.Current;
        if (_storage == null) _storage = TensorPool.Rent(DType, Length, zeroed);
        else if (zeroed) Array.Clear(_storage);
        if (scope == null || Owner == scope) return;
        Owner = scope;
        scope.Own(this);
    }

    /// <summary>Exchanges the buffers of this tensor and <paramref name="other"/>, of one dtype and length: a captured step
    /// reads a batch where its ops look for their input without copying it, then gives the buffers back. Neither tensor may be
    /// recycled in between.</summary>
    internal void ExchangeStorage(Tensor other)
    {
        if (other.DType != DType || other.Length != Length)
            throw new ArgumentException($"tensor: cannot exchange the buffer of a {DType} {ShapeMath.Format(_shape)} with a {other.DType} {ShapeMath.Format(other._shape)}", nameof(other));
        (_storage, other._storage) = (other.Storage, Storage);
    }

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

    /// <summary>Puts this tensor in the current <see cref="TensorScope"/>, if one is open, whose end recycles its buffer.</summary>
    private protected void OwnByCurrentScope()
    {
        if (TensorScope.Current is not { } scope) return;
        Owner = scope;
        scope.Own(this);
    }
}
