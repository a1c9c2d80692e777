using MiniNet.Autodiff;
using Xor;

namespace MiniNet.Tests.Samples;

public class XorExperimentTests
{
    [Test]
    public void TraceFirstStep_RecordsTheTwoDenseLayersAndTheLoss_WithNormsOnEveryVariable()
    {
        var graph = XorExperiment.TraceFirstStep();

        var ops = graph.Nodes.Where(n => n.Kind == TapeNodeKind.Op).Select(n => n.Name);
        Assert.That(ops, Is.EqualTo(new[] { "matmul", "bias_add_tanh", "matmul", "add", "sigmoid_cross_entropy", "mean" }));
        var variables = graph.Nodes.Where(n => n.Kind == TapeNodeKind.Variable).ToArray();
        Assert.That(variables.Select(n => n.Name), Is.EqualTo(new[] { "dense_0/kernel", "dense_0/bias", "dense_1/kernel", "dense_1/bias" }));
        Assert.That(variables.Select(n => n.GradientNorm), Is.All.GreaterThan(0));
        // The loss is a mean over 4 examples, so each example's loss term receives 1/4: norm √(4 · (1/4)²) = 1/2.
        Assert.That(graph.Nodes.Single(n => n.Name == "sigmoid_cross_entropy").GradientNorm, Is.EqualTo(0.5).Within(1e-7));
    }
}
