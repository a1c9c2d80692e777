namespace MiniNet.Tensors;

/// <summary>
/// Recycles the buffers of the temporary tensors of a block of code, as TorchSharp's dispose scopes do. While a scope is open
/// on a thread, the outputs of ops, gradients, and data batches are drawn from a per-thread pool and owned by the scope; when it
/// is disposed their buffers go back to the pool, so a training step of fixed shapes allocates no new buffers after the first:
/// <code>
/// foreach (var (x, y) in batches)
/// {
///     using var scope = new TensorScope();
///     ... forward, tape.Gradient, optimizer.ApplyGradients ...
/// }
/// </code>
/// A tensor whose buffer was recycled throws <see cref="ObjectDisposedException"/> when read; call
/// <see cref="Tensor.MoveToOuterScope"/> (or <see cref="Tensor.Clone"/>) on anything needed after the scope. Without a scope,
/// tensors are ordinary garbage-collected objects. Variables and optimizer state never belong to a scope.
/// </summary>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic] private static TensorScope? _current;

    private readonly TensorScope? _outer;
    private List<Tensor>? _owned;

    /// <summary>Opens a scope on the current thread, nested inside any scope already open.</summary>
    public TensorScope()
    {
        _outer = _current;
        _current = this;
        _owned = SpareContainers<List<Tensor>>.Take(static () => []);
    }

    /// <summary>The innermost open scope on this thread, or null.</summary>
    internal static TensorScope? Current => _current;

    /// <summary>The scope this one is nested in, or null.</summary>
    internal TensorScope? Outer => _outer;

    /// <summary>Takes ownership of <paramref name="tensor"/>: its buffer is recycled when this scope ends.</summary>
    internal void Own(Tensor tensor) => (_owned ?? throw Ended()).Add(tensor);

    /// <summary>Returns the buffers of every tensor this scope still owns to the pool and closes the scope.</summary>
    /// <exception cref="InvalidOperationException">An inner scope is still open.</exception>
    public void Dispose()
    {
        if (_owned == null) return;
        if (_current != this) throw new InvalidOperationException("tensor scope: scopes must be disposed innermost first");
        foreach (var tensor in _owned)
            if (tensor.Owner == this) tensor.ReturnToPool();
        _owned.Clear();
        SpareContainers<List<Tensor>>.GiveBack(_owned);
        _owned = null;
        _current = _outer;
    }

    private static ObjectDisposedException Ended() => new(nameof(TensorScope), "tensor scope: this scope has already ended");
}
