using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace MiniNet.Tests.Optimizers;

public class GradientClippingTests
{
    // (3, 4) and (12): √(9 + 16 + 144) = √169 = 13.
    private static Tensor?[] KnownSet() => [new Tensor([3.0, 4.0], 2), null, new Tensor([12.0], 1)];

    [Test]
    public void GlobalNorm_IsTheRootOfAllSquaresTogether_IgnoringNulls() =>
        Assert.That(GradientClipping.GlobalNorm(KnownSet()), Is.EqualTo(13).Within(1e-12));

    [Test]
    public void ClipByGlobalNorm_ScalesEveryGradientByTheSameFactor()
    {
        var clipped = GradientClipping.ClipByGlobalNorm(KnownSet(), clipNorm: 6.5);

        // factor 6.5 / 13 = 0.5
        Assert.That(clipped[0]!.ToArray<double>(), Is.EqualTo(new[] { 1.5, 2.0 }).Within(1e-12));
        Assert.That(clipped[1], Is.Null);
        Assert.That(clipped[2]!.ToArray<double>(), Is.EqualTo(new[] { 6.0 }).Within(1e-12));
    }

    [Test]
    public void ClipByGlobalNorm_BelowTheLimit_ReturnsEqualCopies()
    {
        var gradients = KnownSet();
        var clipped = GradientClipping.ClipByGlobalNorm(gradients, clipNorm: 20);

        Assert.That(clipped[0]!.ToArray<double>(), Is.EqualTo(new[] { 3.0, 4.0 }));
        Assert.That(clipped[0], Is.Not.SameAs(gradients[0]));
    }

    [Test]
    public void ClipByGlobalNorm_LeavesTheInputsUntouched()
    {
        var gradients = KnownSet();
        GradientClipping.ClipByGlobalNorm(gradients, clipNorm: 1);

        Assert.That(gradients[0]!.ToArray<double>(), Is.EqualTo(new[] { 3.0, 4.0 }));
        Assert.That(gradients[2]!.ToArray<double>(), Is.EqualTo(new[] { 12.0 }));
    }

    [Test]
    public void ClipByValue_ClampsEachElement_AndLeavesTheInputUntouched()
    {
        var gradient = new Tensor([-3f, 0.5f, 2f], 3);
        var clipped = GradientClipping.ClipByValue(gradient, clipValue: 1);

        Assert.That(clipped.ToArray<float>(), Is.EqualTo(new[] { -1f, 0.5f, 1f }));
        Assert.That(gradient.ToArray<float>(), Is.EqualTo(new[] { -3f, 0.5f, 2f }));
    }

    [Test]
    public void ZeroClipNorm_Throws_NamingParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(KnownSet(), clipNorm: 0));
        Assert.That(error!.ParamName, Is.EqualTo("clipNorm"));
        Assert.That(error.Message, Does.Contain("gradient clipping: clipNorm must be a finite number > 0, got 0"));
    }

    [Test]
    public void NaNClipValue_Throws_NamingParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByValue(new Tensor([1.0], 1), double.NaN));
        Assert.That(error!.ParamName, Is.EqualTo("clipValue"));
        Assert.That(error.Message, Does.Contain("clipValue must be a finite number > 0, got NaN"));
    }

    [Test]
    public void OptimizerClipNorm_ScalesAllGradientsOfAStepTogether_WithoutTouchingTheCallersTensors()
    {
        var optimizer = new Sgd(learningRate: 1) { ClipNorm = 6.5 };
        var (first, second) = (FixedGradients.Variable(0.0, 0.0), FixedGradients.Variable(0.0));
        var (firstGradient, secondGradient) = (new Tensor([3.0, 4.0], 2), new Tensor([12.0], 1));
        optimizer.ApplyGradients([(firstGradient, first), (secondGradient, second)]);

        // global norm 13 > 6.5: every gradient is halved, then w = 0 - 1·g/2
        Assert.That(first.ToArray<double>(), Is.EqualTo(new[] { -1.5, -2.0 }).Within(1e-12));
        Assert.That(second.ToArray<double>(), Is.EqualTo(new[] { -6.0 }).Within(1e-12));
        Assert.That(firstGradient.ToArray<double>(), Is.EqualTo(new[] { 3.0, 4.0 }));
        Assert.That(secondGradient.ToArray<double>(), Is.EqualTo(new[] { 12.0 }));
    }

    [Test]
    public void OptimizerClipValue_IsAppliedBeforeClipNorm()
    {
        var optimizer = new Sgd(learningRate: 1) { ClipValue = 4, ClipNorm = 3 };
        var (first, second) = (FixedGradients.Variable(0.0, 0.0), FixedGradients.Variable(0.0));
        optimizer.ApplyGradients([(new Tensor([2.0, 10.0], 2), first), (new Tensor([4.0], 1), second)]);

        // by value: (2, 10), (4) → (2, 4), (4), norm √36 = 6; by norm: factor 3/6 → (1, 2), (2).
        // (The other order would give (2, 10)·3/√120 = (0.5477…, 2.7386…).)
        Assert.That(first.ToArray<double>(), Is.EqualTo(new[] { -1.0, -2.0 }).Within(1e-12));
        Assert.That(second.ToArray<double>(), Is.EqualTo(new[] { -2.0 }).Within(1e-12));
    }

    [Test]
    public void OptimizerZeroClipNorm_Throws_NamingPropertyAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp { ClipNorm = 0 });
        Assert.That(error!.ParamName, Is.EqualTo("ClipNorm"));
        Assert.That(error.Message, Does.Contain("optimizer: ClipNorm must be a finite number > 0, got 0"));
    }
}
