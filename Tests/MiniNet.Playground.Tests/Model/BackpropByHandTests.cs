using Playground.Model;

namespace MiniNet.Playground.Tests.Model;

public class BackpropByHandTests
{
    [Test]
    public void Walk_GivesTheNumbersWorkedOutByHand()
    {
        // x = (1, 2), w = (0.5, -0.25), b = 0.1, t = 1: z = 0.5 - 0.5 + 0.1 = 0.1; ŷ = σ(0.1); L = (ŷ - 1)²;
        // ∂L/∂ŷ = 2(ŷ - 1); ∂ŷ/∂z = ŷ(1 - ŷ); ∂L/∂z = their product; ∂L/∂w = ∂L/∂z·x; ∂L/∂b = ∂L/∂z.
        double y = 1 / (1 + Math.Exp(-0.1)), dy = 2 * (y - 1), slope = y * (1 - y), dz = dy * slope;
        var steps = BackpropByHand.Walk(x1: 1, x2: 2, w1: 0.5, w2: -0.25, b: 0.1, target: 1);

        Assert.That(steps.Select(step => step.Name), Is.EqualTo(new[] { "z", "ŷ", "L", "∂L/∂ŷ", "∂ŷ/∂z", "∂L/∂z", "∂L/∂w₁", "∂L/∂w₂", "∂L/∂b" }));
        Assert.That(steps.Select(step => step.Value), Is.EqualTo(new[] { 0.1, y, (y - 1) * (y - 1), dy, slope, dz, dz * 1, dz * 2, dz }).Within(1e-12));
        Assert.That(steps[0].Formula, Is.EqualTo("w₁x₁ + w₂x₂ + b = 0.5·1 − 0.25·2 + 0.1"));
        Assert.That(steps[1].Formula, Is.EqualTo("σ(z) = 1 / (1 + e^−0.1)"));
        Assert.That(steps.All(step => step.Explanation.Length > 20));
    }

    [Test]
    public void Walk_AnInputOfZero_GivesItsWeightNoGradient()
    {
        var steps = BackpropByHand.Walk(x1: 0, x2: 3, w1: 2, w2: 0.1, b: -1, target: 0);

        Assert.That(steps.Single(step => step.Name == "∂L/∂w₁").Value, Is.Zero);
        Assert.That(steps.Single(step => step.Name == "∂L/∂w₂").Value, Is.Not.Zero);
    }

    [Test]
    public void Formulas_WriteSignsOnce_RoundLikeTheValues_AndStayShortForHugeInputs()
    {
        var steps = BackpropByHand.Walk(x1: -1, x2: 2, w1: 0.5, w2: 0.1234567, b: -0.35, target: 1);

        Assert.That(steps[0].Formula, Is.EqualTo("w₁x₁ + w₂x₂ + b = 0.5·(−1) + 0.1235·2 − 0.35"));
        Assert.That(steps[1].Formula, Is.EqualTo("σ(z) = 1 / (1 + e^0.6031)"), "z = −0.6031: e to the minus z, written once");
        var huge = BackpropByHand.Walk(x1: 1e300, x2: 2, w1: 1e8, w2: 1, b: 0, target: 1);
        Assert.That(huge.Select(step => step.Formula.Length), Is.All.LessThan(80));
        Assert.That(huge.Select(step => step.Formula), Has.None.Contains("-"), "minus signs are true minus signs");
    }
}
