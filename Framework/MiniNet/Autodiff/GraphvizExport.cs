using System.Text;
using MiniNet.Tensors;

namespace MiniNet.Autodiff;

/// <summary>
/// Writes a <see cref="TapeGraph"/> in Graphviz's DOT language, to be drawn with <c>dot -Tsvg graph.dot -o graph.svg</c>.
/// One DOT node per tensor, named <c>n{Id}</c> after <see cref="TapeNode.Id"/> and labelled with its number, what it is (the
/// op's name, or the variable's name) and its shape, plus <c>‖grad‖</c>, its gradient's L2 norm, when the graph was traced.
/// Op outputs are ellipses; variables are blue boxes, watched tensors yellow boxes, constants grey dashed boxes. One edge
/// runs from each input to the op that read it; when an op has several inputs, the edge is labelled with the argument's
/// position (0 for the left operand of a subtraction or a matrix product).
/// </summary>
public static class GraphvizExport
{
    /// <summary>The graph as DOT text.</summary>
    public static string ToDot(TapeGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var dot = new StringBuilder();
        dot.AppendLine("digraph tape {");
        dot.AppendLine("  node [fontname=\"Helvetica\", fontsize=11];");
        dot.AppendLine("  edge [fontname=\"Helvetica\", fontsize=9];");
        foreach (var node in graph.Nodes)
            dot.AppendLine($"  n{node.Id} [label=\"{Label(node)}\", {Style(node.Kind)}];");
        foreach (var node in graph.Nodes)
        {
            for (int i = 0; i < node.Inputs.Count; i++)
            {
                string position = node.Inputs.Count > 1 ? $" [label=\"{i}\"]" : "";
                dot.AppendLine($"  n{node.Inputs[i]} -> n{node.Id}{position};");
            }
        }
        dot.AppendLine("}");
        return dot.ToString();
    }

    private static string Label(TapeNode node)
    {
        string what = node.Kind switch
        {
            TapeNodeKind.Op or TapeNodeKind.Variable => node.Name!,
            TapeNodeKind.Watched => "watched",
            _ => "constant",
        };
        var label = $"#{node.Id} {Escape(what)}\\n{ShapeMath.Format(node.Shape.ToArray())}";
        return node.GradientNorm is null ? label : $"{label}\\n‖grad‖ {node.FormattedGradientNorm}";
    }

    private static string Style(TapeNodeKind kind) => kind switch
    {
        TapeNodeKind.Op => "shape=ellipse",
        TapeNodeKind.Variable => "shape=box, style=filled, fillcolor=\"#cfe2ff\"",
        TapeNodeKind.Watched => "shape=box, style=filled, fillcolor=\"#fff3bf\"",
        _ => "shape=box, style=\"filled,dashed\", fillcolor=\"#eeeeee\"",
    };

    // Inside a quoted DOT string only the quote and the backslash are special.
    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
