using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class MaskedSoftmaxOpTests
{
    /// <summary>Scores (ln 1, ln 2, ln 3) on every row of a 3×3 matrix, scale 1: query 0 sees key 0 only (1); query 1 sees
    /// keys 0 and 1 (1/3, 2/3); query 2 sees all three (1/6, 2/6, 3/6).</summary>
    [Test]
    public void Apply_Causal_EachQuerySeesOnlyItselfAndEarlierKeys()
    {
        double[] row = [Math.Log(1), Math.Log(2), Math.Log(3)];
        var scores = new Tensor([.. row, .. row, .. row], 1, 3, 3);

        var weights = MaskedSoftmaxOp.Apply(scores, scale: 1, causal: true);

        Assert.That(weights.ToArray<double>(), Is.EqualTo(new[] { 1, 0, 0, 1 / 3.0, 2 / 3.0, 0, 1 / 6.0, 2 / 6.0, 3 / 6.0 }).Within(1e-12));
    }

    [Test]
    public void Apply_NotCausal_IsTheSoftmaxOfTheScaledScores()
    {
        var scores = Uniform(1, -2, 2, 2, 3, 4);

        var weights = MaskedSoftmaxOp.Apply(scores, scale: 0.5, causal: false);

        Assert.That(weights.ToArray<double>(), Is.EqualTo((scores * 0.5).Softmax().ToArray<double>()).Within(1e-12));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Apply_GradientMatchesFiniteDifferences(bool causal) =>
        GradientChecking.AssertMatchesFiniteDifferences(x => MaskedSoftmaxOp.Apply(x, scale: 0.7, causal), Uniform(2, -2, 2, 2, 2, 4, 4));

    [Test]
    public void Apply_ScoresOfRankOne_AreRejected() =>
        Assert.That(() => MaskedSoftmaxOp.Apply(new Tensor([1.0, 2], 2)),
            Throws.ArgumentException.With.Message.EqualTo("causal_softmax: scores (2) must be (..., queries, keys)"));
}
