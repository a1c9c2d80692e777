using MiniNet.Autodiff;

namespace Playground.Drawing;

/// <summary>Where one node of a tape graph is drawn: its box's top-left corner, in SVG user units, and its grid cell.</summary>
/// <param name="Node">The node drawn.</param>
/// <param name="Column">Its depth: an op is one column right of its deepest input; a leaf sits just left of its first reader.</param>
/// <param name="Row">Its place in the column, top to bottom, in id order.</param>
/// <param name="X">The box's left edge.</param>
/// <param name="Y">The box's top edge.</param>
public sealed record TapeNodeBox(TapeNode Node, int Column, int Row, double X, double Y);

/// <summary>An arrow of a tape graph from a tensor to an op that read it, as the <c>d</c> of an SVG path: a curve from the
/// middle of the input box's right side to the middle of the op box's left side.</summary>
/// <param name="From">The input node's id.</param>
/// <param name="To">The reading op's id.</param>
/// <param name="PathData">The SVG path data.</param>
public sealed record TapeEdge(int From, int To, string PathData);

/// <summary>
/// Lays a <see cref="TapeGraph"/> out left to right by depth, so the forward pass reads from left to right: column 0 holds
/// what the first ops read, each op stands one column right of its deepest input, and each leaf (a variable, the batch,
/// the labels) stands one column left of the first op that reads it, next to where it is used. Columns are centred vertically.
/// </summary>
public sealed class TapeLayout
{
    /// <summary>The width of a node's box.</summary>
    public const double NodeWidth = 184;

    /// <summary>The height of a node's box (four lines of text).</summary>
    public const double NodeHeight = 70;

    /// <summary>The horizontal space between columns, where the edges run.</summary>
    public const double ColumnGap = 34;

    /// <summary>The vertical space between boxes of one column.</summary>
    public const double RowGap = 14;

    /// <summary>The margin around the whole drawing.</summary>
    public const double Padding = 6;

    private TapeLayout(IReadOnlyList<TapeNodeBox> boxes, IReadOnlyList<TapeEdge> edges, double width, double height) =>
        (Boxes, Edges, Width, Height) = (boxes, edges, width, height);

    /// <summary>One box per node of the graph, in id order.</summary>
    public IReadOnlyList<TapeNodeBox> Boxes { get; }

    /// <summary>One edge per distinct (input, op) pair; an op that reads a tensor twice (x · x) gets one edge from it.</summary>
    public IReadOnlyList<TapeEdge> Edges { get; }

    /// <summary>The drawing's width (its viewBox width).</summary>
    public double Width { get; }

    /// <summary>The drawing's height.</summary>
    public double Height { get; }

    /// <summary>Lays out <paramref name="graph"/>.</summary>
    public static TapeLayout Of(TapeGraph graph)
    {
        var nodes = graph.Nodes;
        var columns = new int[nodes.Count];
        foreach (var node in nodes.Where(n => n.Kind == TapeNodeKind.Op))
            columns[node.Id] = 1 + node.Inputs.Select(input => columns[input]).DefaultIfEmpty(0).Max();
        foreach (var leaf in nodes.Where(n => n.Kind != TapeNodeKind.Op))
        {
            var readers = nodes.Where(n => n.Inputs.Contains(leaf.Id)).Select(n => columns[n.Id]).ToList();
            columns[leaf.Id] = readers.Count == 0 ? 0 : readers.Min() - 1;
        }

        int columnCount = nodes.Count == 0 ? 0 : columns.Max() + 1;
        var rowsInColumn = new int[columnCount];
        var rows = new int[nodes.Count];
        foreach (var node in nodes) rows[node.Id] = rowsInColumn[columns[node.Id]]++;
        int tallest = rowsInColumn.DefaultIfEmpty(0).Max();

        var boxes = nodes.Select(node =>
        {
            int column = columns[node.Id];
            double centring = (tallest - rowsInColumn[column]) * (NodeHeight + RowGap) / 2;
            return new TapeNodeBox(node, column, rows[node.Id], Padding + column * (NodeWidth + ColumnGap),
                Padding + centring + rows[node.Id] * (NodeHeight + RowGap));
        }).ToList();

        var edges = nodes.SelectMany(node => node.Inputs.Distinct().Select(input => Edge(boxes[input], boxes[node.Id]))).ToList();
        double width = 2 * Padding + columnCount * NodeWidth + Math.Max(0, columnCount - 1) * ColumnGap;
        double height = 2 * Padding + tallest * NodeHeight + Math.Max(0, tallest - 1) * RowGap;
        return new TapeLayout(boxes, edges, width, height);
    }

    private static TapeEdge Edge(TapeNodeBox from, TapeNodeBox to)
    {
        double x1 = from.X + NodeWidth, y1 = from.Y + NodeHeight / 2, x2 = to.X, y2 = to.Y + NodeHeight / 2;
        double middle = (x1 + x2) / 2;
        return new TapeEdge(from.Node.Id, to.Node.Id,
            $"M{At(x1, y1)} C{At(middle, y1)} {At(middle, y2)} {At(x2, y2)}");

        static string At(double x, double y) => $"{SvgPoints.Coordinate(x)},{SvgPoints.Coordinate(y)}";
    }
}
