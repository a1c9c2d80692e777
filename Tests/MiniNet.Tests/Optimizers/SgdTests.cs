using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace MiniNet.Tests.Optimizers;

/// <summary>
/// Every trajectory uses the same setting: a float64 variable w₀ = [1, -2], learning rate 0.1, momentum 0.9 and the fixed
/// gradients g₁ = [1, 2], g₂ = [0.5, 2], g₃ = [-0.25, 2]. The expected numbers are worked out by hand in each test.
/// </summary>
public class SgdTests
{
    private const double Tolerance = 1e-12;

    private static readonly double[][] Gradients = [[1, 2], [0.5, 2], [-0.25, 2]];

    private static Variable StartingWeights() => new(new Tensor([1.0, -2], 2), "w");

    private static void Step(Optimizer optimizer, Variable w, int step) =>
        optimizer.ApplyGradients([(new Tensor((double[])Gradients[step].Clone(), 2), w)]);

    private static double[] Velocity(Optimizer optimizer, Variable w) => optimizer.SlotsOf(w)["velocity"].ToArray<double>();

    [Test]
    public void PlainSgd_Step_SubtractsLearningRateTimesGradient()
    {
        // w₁ = w₀ - 0.1·g₁ = [1 - 0.1, -2 - 0.2].
        var w = StartingWeights();

        Step(new Sgd(0.1), w, 0);

        Assert.That(w.ToArray<double>(), Is.EqualTo(new[] { 0.9, -2.2 }).Within(Tolerance));
    }

    [Test]
    public void PlainSgd_OnFloat32Variable_SubtractsLearningRateTimesGradient()
    {
        var w = new Variable(new Tensor([1f, -2f], 2), "w");

        new Sgd(0.1).ApplyGradients([(new Tensor([1f, 2f], 2), w)]);

        Assert.That(w.ToArray<float>(), Is.EqualTo(new[] { 0.9f, -2.2f }).Within(1e-6));
    }

    [Test]
    public void Momentum_FirstStep_EqualsPlainSgdStep()
    {
        // v starts at 0, so v₁ = 0.9·0 + g₁ = g₁ and w₁ = w₀ - 0.1·g₁, exactly as without momentum.
        var withMomentum = StartingWeights();
        var plain = StartingWeights();

        Step(new Sgd(0.1, momentum: 0.9), withMomentum, 0);
        Step(new Sgd(0.1), plain, 0);

        Assert.That(withMomentum.ToArray<double>(), Is.EqualTo(plain.ToArray<double>()));
        Assert.That(withMomentum.ToArray<double>(), Is.EqualTo(new[] { 0.9, -2.2 }).Within(Tolerance));
    }

    [Test]
    public void Momentum_ThreeSteps_FollowTheHandComputedPyTorchTrajectory()
    {
        // v ← 0.9·v + g; w ← w - 0.1·v.
        // element 0: v₁ = 1,                 w₁ = 1 - 0.1      = 0.9
        //            v₂ = 0.9 + 0.5 = 1.4,    w₂ = 0.9 - 0.14   = 0.76
        //            v₃ = 1.26 - 0.25 = 1.01, w₃ = 0.76 - 0.101 = 0.659
        // element 1: v₁ = 2,                  w₁ = -2 - 0.2     = -2.2
        //            v₂ = 1.8 + 2 = 3.8,      w₂ = -2.2 - 0.38  = -2.58
        //            v₃ = 3.42 + 2 = 5.42,    w₃ = -2.58 - 0.542 = -3.122
        var w = StartingWeights();
        var sgd = new Sgd(0.1, momentum: 0.9);

        for (int step = 0; step < 3; step++) Step(sgd, w, step);

        Assert.That(w.ToArray<double>(), Is.EqualTo(new[] { 0.659, -3.122 }).Within(Tolerance));
        Assert.That(Velocity(sgd, w), Is.EqualTo(new[] { 1.01, 5.42 }).Within(Tolerance));
    }

    [Test]
    public void Nesterov_ThreeSteps_FollowTheHandComputedTrajectory()
    {
        // v ← 0.9·v + g; w ← w - 0.1·(g + 0.9·v).
        // element 0: v₁ = 1,    step 1 + 0.9     = 1.9,   w₁ = 1 - 0.19       = 0.81
        //            v₂ = 1.4,  step 0.5 + 1.26  = 1.76,  w₂ = 0.81 - 0.176   = 0.634
        //            v₃ = 1.01, step -0.25 + 0.909 = 0.659, w₃ = 0.634 - 0.0659 = 0.5681
        // element 1: v₁ = 2,    step 2 + 1.8     = 3.8,   w₁ = -2 - 0.38      = -2.38
        //            v₂ = 3.8,  step 2 + 3.42    = 5.42,  w₂ = -2.38 - 0.542  = -2.922
        //            v₃ = 5.42, step 2 + 4.878   = 6.878, w₃ = -2.922 - 0.6878 = -3.6098
        var w = StartingWeights();
        var sgd = new Sgd(0.1, momentum: 0.9, nesterov: true);

        for (int step = 0; step < 3; step++) Step(sgd, w, step);

        Assert.That(w.ToArray<double>(), Is.EqualTo(new[] { 0.5681, -3.6098 }).Within(Tolerance));
    }

    [Test]
    public void KerasForm_ThreeSteps_FollowTheHandComputedTrajectory()
    {
        // v ← 0.9·v - 0.1·g; w ← w + v.
        // element 0: v₁ = -0.1,                  w₁ = 0.9
        //            v₂ = -0.09 - 0.05 = -0.14,   w₂ = 0.76
        //            v₃ = -0.126 + 0.025 = -0.101, w₃ = 0.659
        // element 1: v₁ = -0.2,                  w₁ = -2.2
        //            v₂ = -0.18 - 0.2 = -0.38,    w₂ = -2.58
        //            v₃ = -0.342 - 0.2 = -0.542,  w₃ = -3.122
        var w = StartingWeights();
        var sgd = new Sgd(0.1, momentum: 0.9, form: MomentumForm.Keras);

        for (int step = 0; step < 3; step++) Step(sgd, w, step);

        Assert.That(w.ToArray<double>(), Is.EqualTo(new[] { 0.659, -3.122 }).Within(Tolerance));
        Assert.That(Velocity(sgd, w), Is.EqualTo(new[] { -0.101, -0.542 }).Within(Tolerance));
    }

    [Test]
    public void KerasFormNesterov_ThreeSteps_FollowTheHandComputedTrajectory()
    {
        // v ← 0.9·v - 0.1·g; w ← w + 0.9·v - 0.1·g.
        // element 0: v₁ = -0.1,   w₁ = 1 + (-0.09 - 0.1)        = 0.81
        //            v₂ = -0.14,  w₂ = 0.81 + (-0.126 - 0.05)   = 0.634
        //            v₃ = -0.101, w₃ = 0.634 + (-0.0909 + 0.025) = 0.5681
        // element 1: v₁ = -0.2,   w₁ = -2 + (-0.18 - 0.2)       = -2.38
        //            v₂ = -0.38,  w₂ = -2.38 + (-0.342 - 0.2)   = -2.922
        //            v₃ = -0.542, w₃ = -2.922 + (-0.4878 - 0.2) = -3.6098
        var w = StartingWeights();
        var sgd = new Sgd(0.1, momentum: 0.9, nesterov: true, form: MomentumForm.Keras);

        for (int step = 0; step < 3; step++) Step(sgd, w, step);

        Assert.That(w.ToArray<double>(), Is.EqualTo(new[] { 0.5681, -3.6098 }).Within(Tolerance));
    }

    [Test]
    public void WeightDecay_ThreeStepsWithMomentum_FollowTheHandComputedTrajectory()
    {
        // g' = g + 0.1·w; v ← 0.9·v + g'; w ← w - 0.1·v.
        // element 0: g'₁ = 1 + 0.1       = 1.1,      v₁ = 1.1,                   w₁ = 1 - 0.11          = 0.89
        //            g'₂ = 0.5 + 0.089   = 0.589,    v₂ = 0.99 + 0.589 = 1.579,  w₂ = 0.89 - 0.1579     = 0.7321
        //            g'₃ = -0.25 + 0.07321 = -0.17679, v₃ = 1.4211 - 0.17679 = 1.24431, w₃ = 0.7321 - 0.124431 = 0.607669
        // element 1: g'₁ = 2 - 0.2       = 1.8,      v₁ = 1.8,                   w₁ = -2 - 0.18         = -2.18
        //            g'₂ = 2 - 0.218     = 1.782,    v₂ = 1.62 + 1.782 = 3.402,  w₂ = -2.18 - 0.3402    = -2.5202
        //            g'₃ = 2 - 0.25202   = 1.74798,  v₃ = 3.0618 + 1.74798 = 4.80978, w₃ = -2.5202 - 0.480978 = -3.001178
        var w = StartingWeights();
        var sgd = new Sgd(0.1, momentum: 0.9, weightDecay: 0.1);

        for (int step = 0; step < 3; step++) Step(sgd, w, step);

        Assert.That(w.ToArray<double>(), Is.EqualTo(new[] { 0.607669, -3.001178 }).Within(Tolerance));
    }

    [Test]
    public void WeightDecay_WithoutMomentum_AddsDecayTimesWeightToTheGradient()
    {
        // w₁ = w₀ - 0.1·(g₁ + 0.5·w₀) = [1 - 0.1·1.5, -2 - 0.1·(2 - 1)] = [0.85, -2.1].
        var w = StartingWeights();

        Step(new Sgd(0.1, weightDecay: 0.5), w, 0);

        Assert.That(w.ToArray<double>(), Is.EqualTo(new[] { 0.85, -2.1 }).Within(Tolerance));
    }

    [Test]
    public void KerasAndPyTorchForms_WhileLearningRateIsConstant_GiveTheSameWeights()
    {
        var pyTorch = StartingWeights();
        var keras = StartingWeights();
        var pyTorchSgd = new Sgd(0.1, momentum: 0.9);
        var kerasSgd = new Sgd(0.1, momentum: 0.9, form: MomentumForm.Keras);

        for (int step = 0; step < 3; step++)
        {
            Step(pyTorchSgd, pyTorch, step);
            Step(kerasSgd, keras, step);
            Assert.That(keras.ToArray<double>(), Is.EqualTo(pyTorch.ToArray<double>()).Within(Tolerance), $"after step {step + 1}");
        }
    }

    [Test]
    public void KerasAndPyTorchForms_AfterLearningRateChanges_Differ()
    {
        // Two steps at 0.1 (both reach w₂ = [0.76, -2.58]), then the third at 0.01.
        // PyTorch: v₃ = [1.01, 5.42] (no learning rate inside), w₃ = w₂ - 0.01·v₃ = [0.7499, -2.6342].
        // Keras:   v₃ = 0.9·[-0.14, -0.38] - 0.01·[-0.25, 2] = [-0.1235, -0.362] (still carries 0.1 from the earlier steps),
        //          w₃ = w₂ + v₃ = [0.6365, -2.942].
        var pyTorch = StartingWeights();
        var keras = StartingWeights();
        var pyTorchSgd = new Sgd(0.1, momentum: 0.9);
        var kerasSgd = new Sgd(0.1, momentum: 0.9, form: MomentumForm.Keras);
        for (int step = 0; step < 2; step++)
        {
            Step(pyTorchSgd, pyTorch, step);
            Step(kerasSgd, keras, step);
        }

        pyTorchSgd.LearningRate = kerasSgd.LearningRate = 0.01;
        Step(pyTorchSgd, pyTorch, 2);
        Step(kerasSgd, keras, 2);

        Assert.That(pyTorch.ToArray<double>(), Is.EqualTo(new[] { 0.7499, -2.6342 }).Within(Tolerance));
        Assert.That(keras.ToArray<double>(), Is.EqualTo(new[] { 0.6365, -2.942 }).Within(Tolerance));
    }

    [Test]
    public void PlainSgd_KeepsNoVelocity()
    {
        var w = StartingWeights();
        var sgd = new Sgd(0.1);

        Step(sgd, w, 0);

        Assert.That(sgd.SlotsOf(w), Is.Empty);
    }

    [TestCase(1.0)]
    [TestCase(-0.1)]
    [TestCase(double.NaN)]
    public void Constructor_MomentumOutsideZeroToOne_ThrowsNamingTheParameterAndValue(double momentum)
    {
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1, momentum: momentum));

        Assert.That(thrown!.ParamName, Is.EqualTo("momentum"));
        Assert.That(thrown.Message, Does.StartWith($"sgd: momentum must be in [0, 1), got {momentum}"));
    }

    [Test]
    public void Constructor_NesterovWithoutMomentum_ThrowsNamingNesterovAndTheMomentum()
    {
        var thrown = Assert.Throws<ArgumentException>(() => new Sgd(0.1, nesterov: true));

        Assert.That(thrown!.ParamName, Is.EqualTo("nesterov"));
        Assert.That(thrown.Message, Does.StartWith("sgd: nesterov needs a momentum > 0, got momentum 0"));
    }

    [Test]
    public void Constructor_NegativeWeightDecay_ThrowsNamingTheParameterAndValue()
    {
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1, weightDecay: -1));

        Assert.That(thrown!.ParamName, Is.EqualTo("weightDecay"));
        Assert.That(thrown.Message, Does.StartWith("sgd: weightDecay must be a finite number >= 0, got -1"));
    }
}
