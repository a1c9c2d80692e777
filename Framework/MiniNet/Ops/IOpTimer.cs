namespace MiniNet.Ops;

/// <summary>Something that times every op's forward and backward pass on this thread (a profiler). Times are
/// <see cref="System.Diagnostics.Stopwatch"/> timestamps.</summary>
public interface IOpTimer
{
    /// <summary>Called after <paramref name="op"/> computed its output, its forward pass having started at <paramref name="started"/>.</summary>
    void OnForward(Op op, long started);

    /// <summary>Called after <paramref name="op"/> added its inputs' gradients to <paramref name="gradients"/>, its backward pass
    /// having started at <paramref name="started"/>.</summary>
    void OnBackward(Op op, IGradientSink gradients, long started);
}
