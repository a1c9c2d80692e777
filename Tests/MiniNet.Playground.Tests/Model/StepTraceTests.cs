using MiniNet.Autodiff;
using MiniNet.Tensors;
using Playground.Model;

namespace MiniNet.Playground.Tests.Model;

public class StepTraceTests
{
    private static readonly PlaygroundSettings Settings = new() { Shape = DataShape.Circles, HiddenWidths = [3, 2], BatchSize = 5, Seed = 4 };

    [Test]
    public void Explain_EveryWeight_SumsToTheTapesGradient()
    {
        var run = new PlaygroundRun(Settings);
        run.TrainEpoch(); // away from the initial weights
        run.Step();
        var trace = run.LastTrace!;

        Assert.That(trace.Weights, Has.Count.EqualTo(2 * 3 + 3 * 2 + 2 * 1));
        foreach (var weight in trace.Weights)
        {
            var rule = trace.Explain(weight);
            Assert.That(rule.Terms, Has.Count.EqualTo(5));
            Assert.That(rule.Sum, Is.EqualTo(rule.LibraryGradient).Within(1e-6 + 1e-4 * Math.Abs(rule.LibraryGradient)), weight.Label);
        }
    }

    [Test]
    public void Explain_OutputWeight_IsHiddenValueTimesSigmoidMinusLabel_OverTheBatch()
    {
        // Independently of the trace: rerun the step's batch forward. For binary cross-entropy on a logit s, ∂L/∂s = (σ(s) − y)/B,
        // so ∂L/∂w[i→0] of the output layer is Σ_b h[b,i]·(σ(s_b) − y_b)/B.
        var run = new PlaygroundRun(Settings);
        run.Step();
        var trace = run.LastTrace!;
        var rule = trace.Explain(new WeightChoice(3, 1, 0, "layer 3: w[1→0]"));

        var graph = trace.Graph;
        Assert.That(rule.Formula, Is.EqualTo("∂L/∂w[1→0] = Σ_b a[b,1] · ∂L/∂h[b,0] · f′(z[b,0])"));
        Assert.That(rule.Activation, Does.StartWith("linear"));
        foreach (var term in rule.Terms)
        {
            Assert.That(term.ActivationSlope, Is.EqualTo(1));
            Assert.That(term.Product, Is.EqualTo(term.Input * term.OutputGradient));
        }
        // The logits and labels are the loss op's inputs, with their values in the graph.
        var loss = graph.Nodes.Single(node => node.Name == "sigmoid_cross_entropy");
        var (logits, labels) = (graph.Nodes[loss.Inputs[0]].FirstValues, graph.Nodes[loss.Inputs[1]].FirstValues);
        for (int b = 0; b < 5; b++)
            Assert.That(rule.Terms[b].OutputGradient, Is.EqualTo((1 / (1 + Math.Exp(-logits[b])) - labels[b]) / 5).Within(1e-6));
    }

    [Test]
    public void Graph_HasTheStepsOps_WithShapesValuesAndGradientNorms()
    {
        var run = new PlaygroundRun(Settings);
        run.Step();
        var graph = run.LastTrace!.Graph;

        // Three dense layers (matmul + fused bias-and-activation each) and the loss.
        Assert.That(graph.Nodes.Count(node => node.Name == "matmul"), Is.EqualTo(3));
        Assert.That(graph.Nodes.Where(node => node.Kind == TapeNodeKind.Variable).Select(node => node.Name),
            Is.EquivalentTo(new[] { "dense_0/kernel", "dense_0/bias", "dense_1/kernel", "dense_1/bias", "dense_2/kernel", "dense_2/bias" }));
        Assert.That(graph.Nodes[^1].Shape, Is.Empty);
        Assert.That(graph.Nodes[^1].FirstValues[0], Is.EqualTo(run.LastTrace.Loss));
        Assert.That(graph.Nodes.Where(node => node.Kind != TapeNodeKind.Constant).All(node => node.GradientNorm is not null));
    }

    [Test]
    public void Explain_AWeightOutsideTheNetwork_NamesTheRange()
    {
        var run = new PlaygroundRun(Settings);
        run.Step();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => run.LastTrace!.Explain(new WeightChoice(2, 3, 0, "")));
        Assert.That(error!.Message, Does.Contain("inputs 0..2"));
    }
}
