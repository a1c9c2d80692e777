using MiniNet.Autodiff;
using MiniNet.Tensors;

namespace MiniNet.Tests.Autodiff;

// The graph used throughout: x = [1, 2] (a constant), w = [[1, 0], [2, 1]] (a variable), y = x·w = [5, 2],
// loss = Σ y² = 29. By hand: dloss/dloss = 1; d/d(y²) = [1, 1]; dy = 2y = [10, 4]; dw = xᵀ·dy = [[10, 4], [20, 8]].
public class TapeGraphTests
{
    private static (Tensor X, Variable W) Inputs() =>
        (new Tensor([1.0, 2.0], 1, 2), new Variable(new Tensor([1.0, 0.0, 2.0, 1.0], 2, 2), "w"));

    [Test]
    public void ToString_ListsEachTensorInOrder_WithItsInputsAndShape()
    {
        var (x, w) = Inputs();
        using var tape = new GradientTape();
        _ = x.MatMul(w).Square().Sum();

        Assert.That(tape.ToString(), Is.EqualTo(string.Join(Environment.NewLine,
            "GradientTape: 3 ops recorded",
            "  #0  constant        (1,2)",
            "  #1  variable w      (2,2)",
            "  #2  matmul(#0, #1)  (1,2)",
            "  #3  square(#2)      (1,2)",
            "  #4  sum(#3)         ()")));
    }

    [Test]
    public void Graph_WatchedTensorUsedTwice_IsOneWatchedNodeReadTwice()
    {
        var x = new Tensor([3.0], 1);
        using var tape = new GradientTape();
        tape.Watch(x);
        _ = x * x;

        var nodes = tape.Graph.Nodes;
        Assert.That(nodes, Has.Count.EqualTo(2));
        Assert.That(nodes[0].Kind, Is.EqualTo(TapeNodeKind.Watched));
        Assert.That(nodes[1].Name, Is.EqualTo("multiply"));
        Assert.That(nodes[1].Inputs, Is.EqualTo(new[] { 0, 0 }));
    }

    [Test]
    public void Graph_AfterTracedGradient_HoldsEachTensorsGradientNorm()
    {
        var (x, w) = Inputs();
        var tape = new GradientTape { TraceGradients = true };
        Tensor loss;
        using (tape) loss = x.MatMul(w).Square().Sum();
        tape.Gradient(loss, [w]);

        var norms = tape.Graph.Nodes.Select(n => n.GradientNorm).ToArray();
        Assert.That(tape.Graph.HasGradientNorms, Is.True);
        Assert.That(norms[0], Is.Null, "a constant receives no gradient");
        Assert.That(norms[1], Is.EqualTo(Math.Sqrt(10 * 10 + 4 * 4 + 20 * 20 + 8 * 8)).Within(1e-12));
        Assert.That(norms[2], Is.EqualTo(Math.Sqrt(10 * 10 + 4 * 4)).Within(1e-12));
        Assert.That(norms[3], Is.EqualTo(Math.Sqrt(2)).Within(1e-12));
        Assert.That(norms[4], Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void Graph_NonPersistentTracedTape_OutlivesTheReleasedOps()
    {
        var (x, w) = Inputs();
        var tape = new GradientTape { TraceGradients = true };
        Tensor loss;
        using (tape) loss = x.MatMul(w).Square().Sum();
        tape.Gradient(loss, [w]);

        Assert.That(tape.Operations, Is.Empty);
        Assert.That(tape.Graph.OpCount, Is.EqualTo(3));
        Assert.That(tape.ToString(), Does.Contain("#1  variable w      (2,2)  ‖grad‖ 24.08"));
    }

    [Test]
    public void Graph_Traced_StaysReadableAfterTheScopeRecyclesTheBuffers_WithEachTensorsFirstValues()
    {
        var (x, w) = Inputs();
        var tape = new GradientTape { TraceGradients = true };
        using (new TensorScope())
        {
            Tensor loss;
            using (tape) loss = x.MatMul(w).Square().Sum();
            tape.Gradient(loss, [w]);
        }

        Assert.That(tape.Graph.Nodes[4].GradientNorm, Is.EqualTo(1).Within(1e-12));
        Assert.That(tape.ToString(), Does.EndWith("#4  sum(#3)         ()     ‖grad‖ 1"));
        // Each tensor's values, by hand (see the top of the file): x, w, y = [5, 2], y² = [25, 4], Σ = 29.
        Assert.That(tape.Graph.Nodes.Select(node => node.FirstValues), Is.EqualTo(new double[][] { [1, 2], [1, 0, 2, 1], [5, 2], [25, 4], [29] }));
    }

    [Test]
    public void FirstValues_OfALargeTensor_AreItsFirstSixElements()
    {
        var x = new Variable(new Tensor(Enumerable.Range(1, 10).Select(i => (double)i).ToArray(), 2, 5), "x");
        using var tape = new GradientTape();
        _ = (x * 2).Sum();

        Assert.That(tape.Graph.Nodes.First(node => node.Kind == TapeNodeKind.Op).FirstValues, Is.EqualTo(new double[] { 2, 4, 6, 8, 10, 12 }));
    }

    [Test]
    public void Graph_NonPersistentTapeWithoutTracing_IsEmptyAfterGradient()
    {
        var (x, w) = Inputs();
        var tape = new GradientTape();
        Tensor loss;
        using (tape) loss = x.MatMul(w).Square().Sum();
        tape.Gradient(loss, [w]);

        Assert.That(tape.Graph.Nodes, Is.Empty);
        Assert.That(tape.ToString(), Is.EqualTo("GradientTape: no ops recorded"));
    }

    [Test]
    public void Graph_UntracedTape_HasNoGradientNorms()
    {
        var (x, w) = Inputs();
        using var tape = new GradientTape(persistent: true);
        var loss = x.MatMul(w).Square().Sum();
        tape.Gradient(loss, [w]);

        Assert.That(tape.Graph.HasGradientNorms, Is.False);
        Assert.That(tape.Graph.Nodes.Select(n => n.GradientNorm), Is.All.Null);
    }

    [Test]
    public void Graph_OpRecordedAfterTracedGradient_DropsTheStaleNorms()
    {
        var (x, w) = Inputs();
        using var tape = new GradientTape(persistent: true) { TraceGradients = true };
        var loss = x.MatMul(w).Square().Sum();
        tape.Gradient(loss, [w]);
        _ = loss * 2.0;

        Assert.That(tape.Graph.HasGradientNorms, Is.False);
        Assert.That(tape.Graph.OpCount, Is.EqualTo(4));
    }

    [Test]
    public void Graph_OpTheTargetDoesNotDependOn_HasNoGradientNorm()
    {
        var (x, w) = Inputs();
        var tape = new GradientTape { TraceGradients = true };
        Tensor loss;
        using (tape)
        {
            _ = w.Exp();
            loss = w.Sum();
        }
        tape.Gradient(loss, [w]);

        var exp = tape.Graph.Nodes.Single(n => n.Name == "exp");
        Assert.That(exp.GradientNorm, Is.Null);
        Assert.That(tape.Graph.Nodes.Single(n => n.Kind == TapeNodeKind.Variable).GradientNorm, Is.EqualTo(2).Within(1e-12));
    }
}
