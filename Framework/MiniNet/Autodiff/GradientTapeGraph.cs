using MiniNet.Ops;

namespace MiniNet.Autodiff;

// What the tape recorded, as a graph to inspect or draw, with gradient norms when traced.
public sealed partial class GradientTape
{
    private TapeGraph? _tracedGraph;

    /// <summary>Whether each <see cref="Gradient"/> call also keeps the <see cref="Graph"/> it went through, with the L2 norm of
    /// every tensor's gradient. Off by default, so a training step computes no norms and keeps no copy of the graph.</summary>
    public bool TraceGradients { get; init; }

    /// <summary>The ops recorded so far, in the order they ran.</summary>
    public IReadOnlyList<Op> Operations => _ops ?? [];

    /// <summary>
    /// The recorded computation, one node per tensor: the ops recorded so far, without gradient norms; or, after a
    /// <see cref="Gradient"/> call on a tape with <see cref="TraceGradients"/>, the graph that call went through with each
    /// tensor's gradient norm, until the tape records another op. That traced graph outlives the ops, which a non-persistent
    /// tape releases after <see cref="Gradient"/>; without tracing, such a tape's graph is empty after that call.
    /// </summary>
    public TapeGraph Graph => _tracedGraph ?? TapeGraph.Build(_ops ?? [], IsTracked, gradientOf: null);

    /// <summary>The recorded ops, one numbered line per tensor with its shape (see <see cref="TapeGraph.ToString"/>).</summary>
    public override string ToString() => $"GradientTape: {Graph}";
}
