using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace MiniNet.Tests.Optimizers;

// Expected weights follow torch.optim.AdamW's documented rule (w ← w - lr·λ·w, then the Adam step on the raw gradient),
// with the same run as AdamTests: lr 0.1, λ 0.1, w0 = (1, -2), gradients (0.5, -1), (-0.25, 2), (1, 0.5).
public class AdamWTests
{
    [Test]
    public void ThreeSteps_DecayTheWeightsBeforeTheAdamStep()
    {
        var weights = FixedGradients.Run(new AdamW(learningRate: 0.1, weightDecay: 0.1), FixedGradients.Start, FixedGradients.ThreeSteps);

        // t=1: w shrinks to (0.99, -1.98), then moves by -lr·m̂/(√v̂ + ε) exactly as plain Adam: (-0.099999998, +0.099999999).
        Assert.That(weights[0], Is.EqualTo(new[] { 0.890000002, -1.880000001 }).Within(1e-12));
        // t=2: the moments are those of plain Adam (the gradient carries no decay), the shrink factor is again 0.99.
        Assert.That(weights[1], Is.EqualTo(new[] { 0.85446629868784616296, -1.8978103534620750883 }).Within(1e-12));
        Assert.That(weights[2], Is.EqualTo(new[] { 0.78011047667021115434, -1.920397369602153296 }).Within(1e-12));
    }

    /// <summary>With zero gradients the Adam step is 0 (m = v = 0), so a decayed variable is exactly w·(1 - lr·λ) = 0.99·w
    /// and one left out by the predicate is unchanged.</summary>
    [Test]
    public void DecayWhere_RankTwoOnly_DecaysTheMatrixAndLeavesTheBias()
    {
        var kernel = new Variable(new Tensor([1.0, -2, 3, 4], 2, 2), "kernel");
        var bias = new Variable(new Tensor([5.0, -6], 2), "bias");
        var optimizer = new AdamW(learningRate: 0.1, weightDecay: 0.1, decayWhere: variable => variable.Rank >= 2);

        optimizer.ApplyGradients([(Tensor.Zeros([2, 2], DType.Float64), kernel), (Tensor.Zeros([2], DType.Float64), bias)]);

        Assert.That(kernel.ToArray<double>(), Is.EqualTo(new[] { 0.99, -1.98, 2.97, 3.96 }).Within(1e-15));
        Assert.That(bias.ToArray<double>(), Is.EqualTo(new[] { 5.0, -6 }));
    }

    [Test]
    public void Moments_IgnoreTheWeightDecay()
    {
        var optimizer = new AdamW(learningRate: 0.1, weightDecay: 0.1);
        var variable = FixedGradients.Variable(FixedGradients.Start);
        FixedGradients.Run(optimizer, variable, FixedGradients.ThreeSteps[..1]);

        Assert.That(optimizer.SlotsOf(variable)["exp_avg"].ToArray<double>(), Is.EqualTo(new[] { 0.05, -0.1 }).Within(1e-12));
    }

    [Test]
    public void Defaults_AreTorchDefaults_WithWeightDecayOneHundredth()
    {
        var adamW = new AdamW();
        Assert.That((adamW.LearningRate, adamW.Beta1, adamW.Beta2, adamW.Epsilon, adamW.WeightDecay), Is.EqualTo((0.001, 0.9, 0.999, 1e-8, 0.01)));
    }

    [Test]
    public void NegativeWeightDecay_Throws_NamingParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(weightDecay: -0.5));
        Assert.That(error!.ParamName, Is.EqualTo("weightDecay"));
        Assert.That(error.Message, Does.Contain("adamw: weightDecay must be a finite number >= 0, got -0.5"));
    }
}
