using System.Buffers;

namespace MiniNet.Kernels;

/// <summary>A scratch buffer of a given length rented from the shared array pool and returned on dispose, so temporaries in a
/// training step do not allocate once the pool is warm.</summary>
public readonly struct PooledBuffer<T> : IDisposable
{
    private readonly T[] _array;
    private readonly int _length;

    /// <summary>Rents a buffer of at least <paramref name="length"/> elements (contents unspecified).</summary>
    public PooledBuffer(int length)
    {
        _array = ArrayPool<T>.Shared.Rent(length);
        _length = length;
    }

    /// <summary>The first <c>length</c> elements of the rented array.</summary>
    public Span<T> Span => _array.AsSpan(0, _length);

    /// <summary>Returns the array to the pool.</summary>
    public void Dispose() => ArrayPool<T>.Shared.Return(_array);
}
