using System.Text;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Autodiff;

/// <summary>
/// A readable picture of what a <see cref="GradientTape"/> recorded, with one node per tensor. Each recorded op contributes
/// one node, its output, labelled with the op's name and pointing at the nodes it read. A tensor that ops read but no
/// recorded op produced is a leaf: a variable (labelled by name), a watched tensor, or a constant. Nodes are numbered in the
/// order they first took part, a leaf just before the first op that read it, so an op's inputs always come earlier.
/// <para>
/// The graph holds names, shapes and numbers, never the tensors themselves, so it stays readable after a non-persistent tape
/// has released its ops and a <see cref="TensorScope"/> has recycled their buffers. Print it for a listing, or draw it with
/// <see cref="GraphvizExport"/>.
/// </para>
/// </summary>
public sealed class TapeGraph
{
    private TapeGraph(IReadOnlyList<TapeNode> nodes, bool hasGradientNorms)
    {
        Nodes = nodes;
        HasGradientNorms = hasGradientNorms;
        OpCount = nodes.Count(n => n.Kind == TapeNodeKind.Op);
    }

    /// <summary>Every tensor of the graph, indexed by <see cref="TapeNode.Id"/>.</summary>
    public IReadOnlyList<TapeNode> Nodes { get; }

    /// <summary>The number of recorded ops (the op nodes).</summary>
    public int OpCount { get; }

    /// <summary>Whether the graph comes from a traced <see cref="GradientTape.Gradient"/> call, so nodes carry gradient norms.</summary>
    public bool HasGradientNorms { get; }

    /// <summary>
    /// The listing: a header, then one line per node in order; for Σ (x·w)² after a traced Gradient call:
    /// <code>
    /// 3 ops recorded; ‖grad‖ is the L2 norm of each tensor's gradient from the last Gradient call
    ///   #0  constant        (1,2)
    ///   #1  variable w      (2,2)  ‖grad‖ 24.08
    ///   #2  matmul(#0, #1)  (1,2)  ‖grad‖ 10.77
    ///   #3  square(#2)      (1,2)  ‖grad‖ 1.414
    ///   #4  sum(#3)         ()     ‖grad‖ 1
    /// </code>
    /// </summary>
    public override string ToString()
    {
        if (Nodes.Count == 0) return "no ops recorded";
        var text = new StringBuilder($"{OpCount} {(OpCount == 1 ? "op" : "ops")} recorded");
        if (HasGradientNorms) text.Append("; ‖grad‖ is the L2 norm of each tensor's gradient from the last Gradient call");
        int idWidth = $"#{Nodes.Count - 1}".Length;
        int descriptionWidth = Nodes.Max(n => n.Description.Length);
        int shapeWidth = Nodes.Max(n => ShapeMath.Format(n.Shape.ToArray()).Length);
        foreach (var node in Nodes)
        {
            string line = $"  {$"#{node.Id}".PadRight(idWidth)}  {node.Description.PadRight(descriptionWidth)}  " +
                ShapeMath.Format(node.Shape.ToArray()).PadRight(shapeWidth);
            if (node.GradientNorm is not null) line += $"  ‖grad‖ {node.FormattedGradientNorm}";
            text.AppendLine().Append(line.TrimEnd());
        }
        return text.ToString();
    }

    /// <summary>Builds the graph of <paramref name="ops"/>, in recording order.</summary>
    /// <param name="ops">The recorded ops.</param>
    /// <param name="isTracked">Whether the tape tracks a tensor; tells a watched leaf from a constant.</param>
    /// <param name="gradientOf">The gradient a backward pass accumulated for a tensor (null if none reached it), or null when
    /// no norms are wanted.</param>
    internal static TapeGraph Build(IReadOnlyList<Op> ops, Func<Tensor, bool> isTracked, Func<Tensor, Tensor?>? gradientOf)
    {
        var nodes = new List<TapeNode>();
        var ids = new Dictionary<Tensor, int>(ReferenceEqualityComparer.Instance);
        foreach (var op in ops)
        {
            var inputIds = new int[op.Inputs.Count];
            for (int i = 0; i < inputIds.Length; i++)
            {
                var input = op.Inputs[i];
                if (!ids.TryGetValue(input, out inputIds[i]))
                {
                    var (kind, name) = input switch
                    {
                        Variable variable => (TapeNodeKind.Variable, variable.Name),
                        _ when isTracked(input) => (TapeNodeKind.Watched, (string?)null),
                        _ => (TapeNodeKind.Constant, null),
                    };
                    inputIds[i] = Add(input, kind, name, []);
                }
            }
            Add(op.Output, TapeNodeKind.Op, op.Name, inputIds);
        }
        return new TapeGraph(nodes, gradientOf != null);

        int Add(Tensor tensor, TapeNodeKind kind, string? name, int[] inputs)
        {
            int id = nodes.Count;
            double? norm = gradientOf?.Invoke(tensor) is { } gradient ? L2Norm(gradient) : null;
            var firstValues = new double[Math.Min(tensor.Length, TapeNode.FirstValueCount)];
            for (int i = 0; i < firstValues.Length; i++) firstValues[i] = tensor.GetFlat(i);
            nodes.Add(new TapeNode(id, kind, name, tensor.ShapeArray.ToArray(), tensor.DType, inputs, norm, firstValues));
            ids[tensor] = id;
            return id;
        }
    }

    private static double L2Norm(Tensor tensor)
    {
        double sumOfSquares = 0;
        for (int i = 0; i < tensor.Length; i++)
        {
            double value = tensor.GetFlat(i);
            sumOfSquares += value * value;
        }
        return Math.Sqrt(sumOfSquares);
    }
}
