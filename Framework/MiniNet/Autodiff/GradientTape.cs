using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Autodiff;

/// <summary>
/// Records the ops run on watched tensors while it is open, then computes gradients by reverse-mode accumulation, as
/// TensorFlow's tf.GradientTape does:
/// <code>
/// using (var tape = new GradientTape())
///     loss = lossFunction.Call(labels, model.Call(inputs));
/// var gradients = tape.Gradient(loss, model.TrainableVariables);
/// </code>
/// Trainable <see cref="Variable"/>s are watched automatically; other tensors only after <see cref="Watch"/>. An op is
/// recorded when one of its inputs is watched or was computed from a watched tensor, so inference outside a tape, or on
/// unwatched data, records nothing. Recording stops when the tape is disposed.
/// </summary>
public sealed partial class GradientTape : IOpObserver, IDisposable
{
    [ThreadStatic] private static int t_open;
    private List<Op>? _ops = SpareContainers<List<Op>>.Take(static () => []); // (both null once given back: GradientTapeSpares.cs)
    private HashSet<Tensor>? _tracked = SpareContainers<HashSet<Tensor>>.Take(static () => new(ReferenceEqualityComparer.Instance));
    private bool _recording = true;
    private bool _used;

    /// <summary>Opens a tape on the current thread.</summary>
    /// <param name="persistent">Allow several <see cref="Gradient"/> calls; otherwise the second call throws, and the recorded
    /// ops are released after the first.</param>
    public GradientTape(bool persistent = false)
    {
        Persistent = persistent;
        OpObservers.Add(this);
        t_open++;
    }

    /// <summary>Whether <see cref="Gradient"/> may be called more than once.</summary>
    public bool Persistent { get; }

    /// <summary>Whether a tape is open (recording) on the current thread: a model called now defaults to training mode.</summary>
    public static bool IsRecording => t_open > 0;

    /// <summary>
    /// The gradient of <paramref name="target"/> with respect to each of <paramref name="sources"/>, in the same order, from one
    /// backward pass over the recorded ops. A non-scalar target is treated as the sum of its elements (TensorFlow's rule).
    /// </summary>
    /// <param name="target">The value to differentiate, usually the scalar loss.</param>
    /// <param name="sources">The tensors to differentiate with respect to, usually the model's trainable variables.</param>
    /// <param name="unconnected">What to return for a source the target does not depend on: null (default) or zeros.</param>
    /// <returns>One gradient per source, shaped like that source.</returns>
    /// <exception cref="InvalidOperationException">A non-persistent tape was already used.</exception>
    public Tensor?[] Gradient(Tensor target, IReadOnlyList<Tensor> sources, UnconnectedGradients unconnected = UnconnectedGradients.None)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sources);
        if (_used && !Persistent)
            throw new InvalidOperationException("gradient: this GradientTape was already used; a non-persistent tape computes gradients once (create it with persistent: true to call Gradient several times)");
        _used = true;

        var result = new Tensor?[sources.Count];
        Backpropagate(target, new GradientAccumulator(this) { Sources = sources }, unconnected, result);
        if (!Persistent) _ops!.Clear();
        GiveBackContainersWhenDone();
        return result;
    }

    /// <summary>The backward pass of <see cref="Gradient"/>, into <paramref name="result"/> (one gradient per source of
    /// <paramref name="gradients"/>); a captured step runs it again with the same accumulator and array.</summary>
    internal void Backpropagate(Tensor target, GradientAccumulator gradients, UnconnectedGradients unconnected, Tensor?[] result)
    {
        var (ops, sources) = (_ops!, gradients.Sources!);
        if (IsTracked(target))
        {
            gradients.Seed(target);
            for (int i = ops.Count - 1; i >= 0; i--)
            {
                var op = ops[i];
                if (gradients.TryGet(op.Output) is not { } outputGradient) continue;
                op.Backward(outputGradient, gradients);
                gradients.Consumed(op.Output, outputGradient);
            }
        }

        for (int i = 0; i < sources.Count; i++)
            result[i] = gradients.TryGet(sources[i]) ?? (unconnected == UnconnectedGradients.Zero ? Tensor.Temporary(sources[i].ShapeArray, sources[i].DType, zeroed: true) : null);
        if (TraceGradients) _tracedGraph = TapeGraph.Build(ops, IsTracked, gradients.TryGet);
        gradients.Release();
    }

    /// <summary>Stops recording. Gradients can still be computed afterwards.</summary>
    public void Dispose()
    {
        if (!_recording) return;
        _recording = false;
        OpObservers.Remove(this);
        t_open--;
        GiveBackContainersWhenDone();
    }

    /// <summary>Whether gradients flow to <paramref name="tensor"/>: a trainable variable, a watched tensor, or the output of a recorded op.</summary>
    internal bool IsTracked(Tensor tensor) => tensor is Variable { Trainable: true } || _tracked?.Contains(tensor) == true;

    void IOpObserver.OnOp(Op op)
    {
        for (int i = 0; i < op.Inputs.Count; i++) // (foreach over the interface would allocate an enumerator per op)
        {
            if (!IsTracked(op.Inputs[i])) continue;
            _ops!.Add(op);
            _tracked!.Add(op.Output);
            _tracedGraph = null;
            return;
        }
    }
}
