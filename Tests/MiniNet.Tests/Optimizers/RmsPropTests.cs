using MiniNet.Optimizers;

namespace MiniNet.Tests.Optimizers;

// Expected weights follow torch.optim.RMSprop's documented rule, worked step by step with lr 0.01, α 0.99, ε 1e-8,
// w0 = (1, -2) and gradients (0.5, -1), (-0.25, 2), (1, 0.5) (digits from a 40-digit calculator).
public class RmsPropTests
{
    [Test]
    public void ThreeSteps_DivideByRootOfSquareAverage()
    {
        var weights = FixedGradients.Run(new RmsProp(learningRate: 0.01), FixedGradients.Start, FixedGradients.ThreeSteps);

        // t=1: s = 0.01·g² = (0.0025, 0.01), √s + ε = (0.05000001, 0.10000001); w = 1 - 0.01·0.5/0.05000001, -2 + 0.01·1/0.10000001.
        Assert.That(weights[0], Is.EqualTo(new[] { 0.900000019999996, -1.900000009999999 }).Within(1e-12));
        // t=2: s = 0.99·s + 0.01·g² = (0.0031, 0.0499).
        Assert.That(weights[1], Is.EqualTo(new[] { 0.94490133744217504458, -1.9895323021991521921 }).Within(1e-12));
        // t=3: s = (0.013069, 0.051901).
        Assert.That(weights[2], Is.EqualTo(new[] { 0.85742737839285945789, -2.0114796538632555208 }).Within(1e-12));
    }

    [Test]
    public void Momentum_AccumulatesTheNormalisedStep()
    {
        var weights = FixedGradients.Run(new RmsProp(learningRate: 0.01, momentum: 0.9), FixedGradients.Start, FixedGradients.ThreeSteps);

        // t=1: v = g/(√s + ε), the same first step as without momentum; t=2: v = 0.9·v + g/(√s + ε) = (4.50986645578…, -0.04676988…).
        Assert.That(weights[0], Is.EqualTo(new[] { 0.900000019999996, -1.900000009999999 }).Within(1e-12));
        Assert.That(weights[1], Is.EqualTo(new[] { 0.85490135544217144458, -1.8995323111991512921 }).Within(1e-12));
        Assert.That(weights[2], Is.EqualTo(new[] { 0.72683859829081375801, -1.9210587339424916837 }).Within(1e-12));
    }

    [Test]
    public void Centered_SubtractsTheSquaredGradientAverage()
    {
        var weights = FixedGradients.Run(new RmsProp(learningRate: 0.01, centered: true), FixedGradients.Start, FixedGradients.ThreeSteps);

        // t=1: a = 0.01·g = (0.005, -0.01); √(s - a²) + ε = (√0.002475, √0.0099) + ε = (0.049749381855…, 0.099498753710…).
        Assert.That(weights[0], Is.EqualTo(new[] { 0.89949623867609493371, -1.8994962285750878783 }).Within(1e-12));
        // t=2: a = (0.00245, 0.0101); t=3: a = (0.0124255, 0.014999).
        Assert.That(weights[1], Is.EqualTo(new[] { 0.94444109033504907596, -1.9891201762428898131 }).Within(1e-12));
        Assert.That(weights[2], Is.EqualTo(new[] { 0.85644581283558937421, -2.0111152495814888265 }).Within(1e-12));
    }

    [Test]
    public void CenteredWithMomentumAndWeightDecay_AddsTheDecayToTheGradient()
    {
        var optimizer = new RmsProp(learningRate: 0.01, weightDecay: 0.1, momentum: 0.5, centered: true);
        var weights = FixedGradients.Run(optimizer, FixedGradients.Start, FixedGradients.ThreeSteps);

        // t=1: g = (0.5 + 0.1·1, -1 + 0.1·(-2)) = (0.6, -1.2); s = (0.0036, 0.0144), a = (0.006, -0.012).
        Assert.That(weights[0], Is.EqualTo(new[] { 0.8994962353090928075, -1.899496226891586505 }).Within(1e-12));
        Assert.That(weights[1], Is.EqualTo(new[] { 0.87520340583048402903, -1.9327533896753998414 }).Within(1e-12));
        Assert.That(weights[2], Is.EqualTo(new[] { 0.77536171798794125306, -1.9634696580068077083 }).Within(1e-12));
    }

    [Test]
    public void Slots_AreNamedAfterWhatTheyHold()
    {
        var optimizer = new RmsProp(learningRate: 0.01, momentum: 0.9, centered: true);
        var variable = FixedGradients.Variable(FixedGradients.Start);
        FixedGradients.Run(optimizer, variable, FixedGradients.ThreeSteps[..1]);

        var slots = optimizer.SlotsOf(variable);
        Assert.That(slots.Keys, Is.EquivalentTo(new[] { "square_avg", "grad_avg", "velocity" }));
        Assert.That(slots["square_avg"].ToArray<double>(), Is.EqualTo(new[] { 0.0025, 0.01 }).Within(1e-12));
        Assert.That(slots["grad_avg"].ToArray<double>(), Is.EqualTo(new[] { 0.005, -0.01 }).Within(1e-12));
    }

    [Test]
    public void PlainRmsProp_KeepsOnlyTheSquareAverage()
    {
        var optimizer = new RmsProp();
        var variable = FixedGradients.Variable(FixedGradients.Start);
        FixedGradients.Run(optimizer, variable, FixedGradients.ThreeSteps[..1]);

        Assert.That(optimizer.SlotsOf(variable).Keys, Is.EquivalentTo(new[] { "square_avg" }));
    }

    [Test]
    public void Defaults_AreTorchDefaults()
    {
        var rmsProp = new RmsProp();
        Assert.That((rmsProp.LearningRate, rmsProp.Alpha, rmsProp.Epsilon, rmsProp.WeightDecay, rmsProp.Momentum, rmsProp.Centered),
            Is.EqualTo((0.01, 0.99, 1e-8, 0.0, 0.0, false)));
    }

    [Test]
    public void NegativeAlpha_Throws_NamingParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(alpha: -0.1));
        Assert.That(error!.ParamName, Is.EqualTo("alpha"));
        Assert.That(error.Message, Does.Contain("rmsprop: alpha must be in [0, 1), got -0.1"));
    }
}
