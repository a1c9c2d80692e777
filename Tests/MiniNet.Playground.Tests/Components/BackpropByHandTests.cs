using System.Globalization;
using Bunit;
using Playground.Components;

namespace MiniNet.Playground.Tests.Components;

public class BackpropByHandTests
{
    // One sigmoid neuron with L = (ŷ − t)², worked by hand: z = w1·x1 + w2·x2 + b, ŷ = 1 / (1 + e^−z), ∂L/∂ŷ = 2(ŷ − t),
    // ∂ŷ/∂z = ŷ(1 − ŷ), ∂L/∂z = their product, and ∂L/∂w_i = ∂L/∂z · x_i, ∂L/∂b = ∂L/∂z.
    private static double[] ByHand(double x1, double x2, double w1, double w2, double b, double target)
    {
        double z = w1 * x1 + w2 * x2 + b;
        double output = 1 / (1 + Math.Exp(-z));
        double dOutput = 2 * (output - target), slope = output * (1 - output), dz = dOutput * slope;
        return [z, output, (output - target) * (output - target), dOutput, slope, dz, dz * x1, dz * x2, dz];
    }

    private static double[] ShownValues(IRenderedComponent<BackpropByHand> walk) =>
        [.. walk.FindAll("#hand-steps li.hand-step .value").Select(value => double.Parse(value.TextContent, CultureInfo.InvariantCulture))];

    [Test]
    public void TheStartingNeuron_ShowsEachForwardValueAndGradient_AsWorkedByHand()
    {
        using var context = new BunitContext();
        var walk = context.Render<BackpropByHand>();

        var expected = ByHand(x1: 1, x2: 2, w1: 0.5, w2: -0.25, b: 0.1, target: 1);
        Assert.That(walk.FindAll("#hand-steps li.hand-step"), Has.Count.EqualTo(9));
        Assert.That(expected[0], Is.EqualTo(0.1).Within(1e-12), "z = 0.5 − 0.5 + 0.1");
        var shown = ShownValues(walk);
        for (int step = 0; step < expected.Length; step++)
            Assert.That(shown[step], Is.EqualTo(expected[step]).Within(1e-3 * Math.Abs(expected[step])), $"step {step}");
    }

    [Test]
    public void ChangingAnInput_RecomputesTheWalk_AndAnInputOfZeroGivesItsWeightNoGradient()
    {
        using var context = new BunitContext();
        var walk = context.Render<BackpropByHand>();

        walk.Find("#hand-x2").Change("0");
        walk.Find("#hand-target").Change("0");

        var expected = ByHand(x1: 1, x2: 0, w1: 0.5, w2: -0.25, b: 0.1, target: 0);
        var shown = ShownValues(walk);
        Assert.That(shown[0], Is.EqualTo(0.6).Within(1e-12), "z = 0.5 + 0.1");
        Assert.That(shown[1], Is.EqualTo(expected[1]).Within(1e-3 * expected[1]));
        Assert.That(shown[7], Is.EqualTo(0), "∂L/∂w2 = ∂L/∂z · 0");
        Assert.That(shown[8], Is.EqualTo(expected[8]).Within(1e-3 * Math.Abs(expected[8])));
    }

    [Test]
    public void EachStep_NamesItsNumber_ShowsTheFormulaWithTheNumbers_AndExplainsIt()
    {
        using var context = new BunitContext();
        var walk = context.Render<BackpropByHand>();

        var first = walk.FindAll("#hand-steps li.hand-step")[0];
        Assert.That(first.QuerySelector("strong")!.TextContent, Is.EqualTo("z"));
        Assert.That(first.QuerySelector(".formula")!.TextContent, Does.Contain("0.5·1 − 0.25·2"));
        Assert.That(first.QuerySelector(".explanation")!.TextContent, Is.Not.Empty);
    }
}
