using MiniNet.Optimizers;

namespace MiniNet.Tests.Optimizers;

// Expected weights follow torch.optim.Adagrad's documented rule, worked step by step with lr 0.1, ε 1e-10,
// w0 = (1, -2) and gradients (0.5, -1), (-0.25, 2), (1, 0.5) (digits from a 40-digit calculator).
public class AdagradTests
{
    [Test]
    public void ThreeSteps_DivideByRootOfSumOfSquares()
    {
        var weights = FixedGradients.Run(new Adagrad(learningRate: 0.1), FixedGradients.Start, FixedGradients.ThreeSteps);

        // t=1: sum = (0.25, 1); w = 1 - 0.1·0.5/(0.5 + 1e-10), -2 + 0.1·1/(1 + 1e-10).
        Assert.That(weights[0], Is.EqualTo(new[] { 0.90000000002, -1.90000000001 }).Within(1e-12));
        // t=2: sum = (0.3125, 5); w = 0.9 + 0.1·0.25/(√0.3125 + ε), -1.9 - 0.1·2/(√5 + ε).
        Assert.That(weights[1], Is.EqualTo(new[] { 0.94472135956199579393, -1.9894427191059915879 }).Within(1e-12));
        // t=3: sum = (1.3125, 5.25).
        Assert.That(weights[2], Is.EqualTo(new[] { 0.85743420347521788904, -2.011264508128638445 }).Within(1e-12));
    }

    [Test]
    public void LearningRateDecay_WeightDecay_AndInitialAccumulator_FollowTorchRule()
    {
        var optimizer = new Adagrad(learningRate: 0.1, learningRateDecay: 0.5, weightDecay: 0.1, initialAccumulatorValue: 0.1);
        var weights = FixedGradients.Run(optimizer, FixedGradients.Start, FixedGradients.ThreeSteps);

        // t=1: g = (0.6, -1.2), sum = 0.1 + g² = (0.46, 1.54), rate 0.1; t=2: rate 0.1/(1 + 0.5); t=3: rate 0.1/(1 + 2·0.5) = 0.05.
        Assert.That(weights[0], Is.EqualTo(new[] { 0.91153482632010519818, -1.903301244324746572 }).Within(1e-12));
        Assert.That(weights[1], Is.EqualTo(new[] { 0.92673720774841294786, -1.9582824468027067204 }).Within(1e-12));
        Assert.That(weights[2], Is.EqualTo(new[] { 0.88457596360467612886, -1.9651477864843636501 }).Within(1e-12));
    }

    [Test]
    public void Sum_StartsAtTheInitialAccumulatorValue()
    {
        var optimizer = new Adagrad(initialAccumulatorValue: 0.1);
        var variable = FixedGradients.Variable(FixedGradients.Start);
        FixedGradients.Run(optimizer, variable, FixedGradients.ThreeSteps[..1]);

        Assert.That(optimizer.SlotsOf(variable)["sum"].ToArray<double>(), Is.EqualTo(new[] { 0.35, 1.1 }).Within(1e-12));
    }

    [Test]
    public void Defaults_AreTorchDefaults()
    {
        var adagrad = new Adagrad();
        Assert.That((adagrad.LearningRate, adagrad.LearningRateDecay, adagrad.WeightDecay, adagrad.InitialAccumulatorValue, adagrad.Epsilon),
            Is.EqualTo((0.01, 0.0, 0.0, 0.0, 1e-10)));
    }

    [Test]
    public void NegativeInitialAccumulatorValue_Throws_NamingParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Adagrad(initialAccumulatorValue: -1));
        Assert.That(error!.ParamName, Is.EqualTo("initialAccumulatorValue"));
        Assert.That(error.Message, Does.Contain("adagrad: initialAccumulatorValue must be a finite number >= 0, got -1"));
    }
}
