namespace MiniNet.Tensors;

/// <summary>
/// The temporary tensors of a captured step (<see cref="Autodiff.CapturedStep"/>), in the order the step asked for them:
/// recorded while the step is captured, then handed out again, the same objects in the same order, each time it is
/// replayed. A replayed tensor gets a buffer as a new one would (from the open <see cref="TensorScope"/>'s pool, or its
/// own array kept from the last time without a scope), so a replay makes no tensor, shape or buffer of its own.
/// </summary>
internal sealed class TemporaryLog
{
    [ThreadStatic] private static TemporaryLog? t_current;

    private readonly List<Tensor> _tensors = [];
    private bool _replaying;

    /// <summary>The log that <see cref="Tensor.Temporary"/> draws from on this thread, or null.</summary>
    public static TemporaryLog? Current => t_current;

    /// <summary>How many temporaries the capture asked for.</summary>
    public int Count => _tensors.Count;

    /// <summary>How many of them this replay has handed out so far (while recording, the same as <see cref="Count"/>).</summary>
    public int Next { get; private set; }

    /// <summary>The temporary recorded at <paramref name="index"/>.</summary>
    public Tensor this[int index] => _tensors[index];

    /// <summary>From now on, on this thread, every temporary is made as usual and recorded.</summary>
    public void Record()
    {
        _tensors.Clear();
        (_replaying, Next, t_current) = (false, 0, this);
    }

    /// <summary>From now on, on this thread, every temporary is the next recorded one.</summary>
    public void Replay() => (_replaying, Next, t_current) = (true, 0, this);

    /// <summary>Temporaries are made as usual again.</summary>
    public void Stop() => t_current = null;

    /// <summary>The temporary the step asks for now: a new one while recording, the recorded one while replaying.</summary>
    /// <exception cref="InvalidOperationException">The replay asks for another shape or dtype than the capture did at this
    /// point, or for more temporaries: the step did not run the same code again.</exception>
    public Tensor Take(int[] shape, DType dtype, bool zeroed)
    {
        if (!_replaying)
        {
            var made = Tensor.NewTemporary(shape, dtype, zeroed);
            _tensors.Add(made);
            Next = _tensors.Count;
            return made;
        }
        var tensor = Next < _tensors.Count ? _tensors[Next] : null;
        if (tensor == null || tensor.DType != dtype || !tensor.ShapeArray.AsSpan().SequenceEqual(shape))
            throw new InvalidOperationException($"captured step: its replay asked for temporary {Next} as a {Tensor.DTypeName(dtype)} "
                + $"{ShapeMath.Format(shape)}, but the capture made {(tensor == null ? "no more" : $"a {Tensor.DTypeName(tensor.DType)} {ShapeMath.Format(tensor.ShapeArray)}")}; "
                + "the step's code took another path than when it was captured");
        Next++;
        tensor.Reuse(zeroed);
        return tensor;
    }
}
