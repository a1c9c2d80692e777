using MiniNet.Autodiff;
using MiniNet.Tensors;
using Playground.Drawing;

namespace MiniNet.Playground.Tests.Drawing;

public class TapeLayoutTests
{
    // relu(x·w + b) summed: #0 x (constant), #1 w, #2 matmul, #3 b, #4 add, #5 relu, #6 sum.
    private static TapeGraph DenseGraph()
    {
        var x = new Tensor([1.0, 2.0], 1, 2);
        var w = new Variable(new Tensor([1.0, 0.0, 2.0, 1.0], 2, 2), "w");
        var b = new Variable(new Tensor([0.5, -0.5], 2), "b");
        using var tape = new GradientTape();
        _ = (x.MatMul(w) + b).Relu().Sum();
        return tape.Graph;
    }

    [Test]
    public void Of_PutsEachOpOneColumnRightOfItsDeepestInput()
    {
        var layout = TapeLayout.Of(DenseGraph());
        var columns = layout.Boxes.Select(box => box.Column).ToArray();

        Assert.That(layout.Boxes.Select(box => box.Node.Description),
            Is.EqualTo(new[] { "constant", "variable w", "matmul(#0, #1)", "variable b", "add(#2, #3)", "relu(#4)", "sum(#5)" }));
        Assert.That(columns, Is.EqualTo(new[] { 0, 0, 1, 1, 2, 3, 4 }), "b stands just left of the add that reads it, not in column 0");
    }

    [Test]
    public void Of_StacksBoxesOfOneColumn_WithoutOverlap()
    {
        var layout = TapeLayout.Of(DenseGraph());
        var x = layout.Boxes[0];
        var w = layout.Boxes[1];

        Assert.That(w.X, Is.EqualTo(x.X));
        Assert.That(w.Y - x.Y, Is.EqualTo(TapeLayout.NodeHeight + TapeLayout.RowGap));
        Assert.That(layout.Boxes.Max(box => box.X) + TapeLayout.NodeWidth, Is.LessThanOrEqualTo(layout.Width));
        Assert.That(layout.Boxes.Max(box => box.Y) + TapeLayout.NodeHeight, Is.LessThanOrEqualTo(layout.Height));
    }

    [Test]
    public void Of_DrawsOneEdgePerInputOfEachOp()
    {
        var layout = TapeLayout.Of(DenseGraph());

        Assert.That(layout.Edges.Select(edge => (edge.From, edge.To)),
            Is.EqualTo(new[] { (0, 2), (1, 2), (2, 4), (3, 4), (4, 5), (5, 6) }));
        Assert.That(layout.Edges[0].PathData, Does.StartWith($"M{TapeLayout.Padding + TapeLayout.NodeWidth},"));
    }

    [Test]
    public void Of_ATensorReadTwice_GetsOneEdge()
    {
        var x = new Tensor([3.0], 1);
        using var tape = new GradientTape();
        tape.Watch(x);
        _ = x * x;

        Assert.That(TapeLayout.Of(tape.Graph).Edges, Has.Count.EqualTo(1));
    }
}
