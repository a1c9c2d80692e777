using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace MiniNet.Tests.Optimizers;

// Expected weights follow torch.optim.Adam's documented rule, worked step by step with lr 0.1, β1 0.9, β2 0.999, ε 1e-8,
// w0 = (1, -2) and gradients (0.5, -1), (-0.25, 2), (1, 0.5) (intermediate values in the comments; digits from a 40-digit calculator).
public class AdamTests
{
    [Test]
    public void ThreeSteps_FollowTorchRule_WithBiasCorrectionAndEpsilonAfterSqrt()
    {
        var weights = FixedGradients.Run(new Adam(learningRate: 0.1), FixedGradients.Start, FixedGradients.ThreeSteps);

        // t=1: m = (0.05, -0.1), v = (0.00025, 0.001); m̂ = (0.5, -1), v̂ = (0.25, 1); w = 1 - 0.1·0.5/(0.5 + 1e-8), -2 + 0.1·1/(1 + 1e-8).
        Assert.That(weights[0], Is.EqualTo(new[] { 0.900000002, -1.900000001 }).Within(1e-12));
        // t=2: m = (0.02, 0.11), v = (0.00031225, 0.004999); m̂ = m/0.19, v̂ = v/0.001999.
        Assert.That(weights[1], Is.EqualTo(new[] { 0.87336629870784616256, -1.9366103534720750882 }).Within(1e-12));
        // t=3: m = (0.118, 0.149), v = (0.00131193775, 0.005244001); m̂ = m/0.271, v̂ = v/0.002997001.
        Assert.That(weights[2], Is.EqualTo(new[] { 0.80755513967708961557, -1.9781754731467740468 }).Within(1e-12));
    }

    [Test]
    public void WeightDecay_IsAddedToTheGradient()
    {
        var weights = FixedGradients.Run(new Adam(learningRate: 0.1, weightDecay: 0.1), FixedGradients.Start, FixedGradients.ThreeSteps);

        // t=1: g = (0.5 + 0.1·1, -1 + 0.1·(-2)) = (0.6, -1.2), so m̂ = (0.6, -1.2), v̂ = (0.36, 1.44): the step is still ±lr·(1 - ~ε).
        Assert.That(weights[0], Is.EqualTo(new[] { 0.90000000166666663889, -1.9000000008333333264 }).Within(1e-12));
        Assert.That(weights[1], Is.EqualTo(new[] { 0.85444136746176222827, -1.9250178784643250486 }).Within(1e-12));
        Assert.That(weights[2], Is.EqualTo(new[] { 0.78150439986316554487, -1.9531272706914881225 }).Within(1e-12));
    }

    [Test]
    public void Slots_AreExpAvgAndExpAvgSq_HoldingTheRawMoments()
    {
        var optimizer = new Adam(learningRate: 0.1);
        var variable = FixedGradients.Variable(FixedGradients.Start);
        FixedGradients.Run(optimizer, variable, FixedGradients.ThreeSteps[..2]);

        var slots = optimizer.SlotsOf(variable);
        Assert.That(slots.Keys, Is.EquivalentTo(new[] { "exp_avg", "exp_avg_sq" }));
        // m = 0.9·(0.05, -0.1) + 0.1·(-0.25, 2); v = 0.999·(0.00025, 0.001) + 0.001·(0.0625, 4).
        Assert.That(slots["exp_avg"].ToArray<double>(), Is.EqualTo(new[] { 0.02, 0.11 }).Within(1e-12));
        Assert.That(slots["exp_avg_sq"].ToArray<double>(), Is.EqualTo(new[] { 0.00031225, 0.004999 }).Within(1e-12));
        Assert.That(optimizer.Iterations, Is.EqualTo(2));
    }

    [Test]
    public void Float32Variables_FollowTheSameRule()
    {
        var optimizer = new Adam(learningRate: 0.1);
        var variable = new Variable(new Tensor([1f, -2f], 2), "w");
        optimizer.ApplyGradients([(new Tensor([0.5f, -1f], 2), variable)]);

        // The first step is lr·sign(g) up to ε, as m̂ = g and v̂ = g².
        Assert.That(variable.ToArray<float>(), Is.EqualTo(new[] { 0.9f, -1.9f }).Within(1e-6f));
        Assert.That(optimizer.SlotsOf(variable)["exp_avg"].DType, Is.EqualTo(DType.Float32));
    }

    [Test]
    public void Defaults_AreTorchDefaults()
    {
        var adam = new Adam();
        Assert.That((adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay), Is.EqualTo((0.001, 0.9, 0.999, 1e-8, 0.0)));
    }

    [Test]
    public void Beta2OfOne_Throws_NamingParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta2: 1));
        Assert.That(error!.ParamName, Is.EqualTo("beta2"));
        Assert.That(error.Message, Does.Contain("adam: beta2 must be in [0, 1), got 1"));
    }

    [Test]
    public void NegativeEpsilon_Throws_NamingParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(epsilon: -1e-8));
        Assert.That(error!.Message, Does.Contain("adam: epsilon must be a finite number >= 0, got -1E-08"));
    }
}
