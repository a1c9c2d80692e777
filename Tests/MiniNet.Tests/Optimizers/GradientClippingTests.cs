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
}
