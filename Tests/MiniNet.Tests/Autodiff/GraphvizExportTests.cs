using System.Globalization;
using System.Text.RegularExpressions;
using MiniNet.Autodiff;
using MiniNet.Tensors;

namespace MiniNet.Tests.Autodiff;

// The graph: x = [1, 2] (constant), w = [[1, 0], [2, 1]] (variable "w"), y = x·w = [5, 2], loss = Σ y².
// Gradients by hand: loss 1; y² [1, 1]; y 2y = [10, 4]; w xᵀ·dy = [[10, 4], [20, 8]].
public class GraphvizExportTests
{
    private static string TracedDot()
    {
        var x = new Tensor([1.0, 2.0], 1, 2);
        var w = new Variable(new Tensor([1.0, 0.0, 2.0, 1.0], 2, 2), "w");
        var tape = new GradientTape { TraceGradients = true };
        Tensor loss;
        using (tape) loss = x.MatMul(w).Square().Sum();
        tape.Gradient(loss, [w]);
        return GraphvizExport.ToDot(tape.Graph);
    }

    private static Dictionary<string, string> NodeLabels(string dot) =>
        Regex.Matches(dot, @"^\s*(n\d+) \[label=""((?:[^""\\]|\\.)*)""", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    private static string[] Edges(string dot) =>
        Regex.Matches(dot, @"^\s*(n\d+ -> n\d+.*);$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();

    [Test]
    public void ToDot_KnownGraph_HasOneNodePerTensorAndOneEdgePerInput()
    {
        string dot = TracedDot();

        Assert.That(dot, Does.StartWith("digraph tape {"));
        Assert.That(NodeLabels(dot).Keys, Is.EqualTo(new[] { "n0", "n1", "n2", "n3", "n4" }));
        Assert.That(Edges(dot), Is.EqualTo(new[] { "n0 -> n2 [label=\"0\"]", "n1 -> n2 [label=\"1\"]", "n2 -> n3", "n3 -> n4" }));
    }

    [Test]
    public void ToDot_KnownGraph_LabelsNodesWithNameAndShape()
    {
        var labels = NodeLabels(TracedDot());

        Assert.That(labels["n0"], Is.EqualTo(@"#0 constant\n(1,2)"));
        Assert.That(labels["n1"], Does.StartWith(@"#1 w\n(2,2)\n‖grad‖ "));
        Assert.That(labels["n2"], Does.StartWith(@"#2 matmul\n(1,2)\n‖grad‖ "));
        Assert.That(labels["n3"], Does.StartWith(@"#3 square\n(1,2)\n‖grad‖ "));
        Assert.That(labels["n4"], Does.StartWith(@"#4 sum\n()\n‖grad‖ "));
    }

    [Test]
    public void ToDot_AfterGradient_ShowsNormsEqualToHandComputedOnes()
    {
        var labels = NodeLabels(TracedDot());
        double Norm(string node) => double.Parse(labels[node].Split("‖grad‖ ")[1], CultureInfo.InvariantCulture);

        Assert.That(Norm("n1"), Is.EqualTo(Math.Sqrt(100 + 16 + 400 + 64)).Within(0.01));
        Assert.That(Norm("n2"), Is.EqualTo(Math.Sqrt(100 + 16)).Within(0.01));
        Assert.That(Norm("n3"), Is.EqualTo(Math.Sqrt(2)).Within(0.001));
        Assert.That(Norm("n4"), Is.EqualTo(1));
    }

    [Test]
    public void ToDot_DrawsEachKindInItsOwnStyle()
    {
        var x = new Tensor([1.0], 1);
        var data = new Tensor([2.0], 1);
        var w = new Variable(new Tensor([3.0], 1), "w");
        using var tape = new GradientTape();
        tape.Watch(x);
        _ = x * w + data;

        string dot = GraphvizExport.ToDot(tape.Graph);
        Assert.That(dot, Does.Contain("n0 [label=\"#0 watched\\n(1)\", shape=box, style=filled, fillcolor=\"#fff3bf\"];"));
        Assert.That(dot, Does.Contain("n1 [label=\"#1 w\\n(1)\", shape=box, style=filled, fillcolor=\"#cfe2ff\"];"));
        Assert.That(dot, Does.Contain("n2 [label=\"#2 multiply\\n(1)\", shape=ellipse];"));
        Assert.That(dot, Does.Contain("n3 [label=\"#3 constant\\n(1)\", shape=box, style=\"filled,dashed\", fillcolor=\"#eeeeee\"];"));
    }

    [Test]
    public void ToDot_VariableNameWithQuote_IsEscaped()
    {
        var w = new Variable(new Tensor([1.0], 1), "say \"hi\"");
        using var tape = new GradientTape();
        _ = w.Exp();

        Assert.That(GraphvizExport.ToDot(tape.Graph), Does.Contain(@"label=""#0 say \""hi\""\n(1)"""));
    }
}
