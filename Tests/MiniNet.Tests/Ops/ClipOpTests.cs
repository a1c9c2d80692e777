using MiniNet.Autodiff;
using MiniNet.Tensors;

namespace MiniNet.Tests.Ops;

public class ClipOpTests
{
    [Test]
    public void Clip_ClampsValuesOutsideTheRange()
    {
        var y = new Tensor([-2.0, -0.5, 0.25, 0.5, 2], 5).Clip(-0.5, 0.5);

        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { -0.5, -0.5, 0.25, 0.5, 0.5 }));
    }

    [Test]
    public void Clip_Gradient_PassesInsideAndOnTheBoundsAndIsZeroWhereClipped()
    {
        var x = new Tensor([-2.0, -0.5, 0.25, 0.5, 2], 5);
        using var tape = new GradientTape();
        tape.Watch(x);

        var gradient = tape.Gradient(x.Clip(-0.5, 0.5), [x])[0]!;

        Assert.That(gradient.ToArray<double>(), Is.EqualTo(new[] { 0.0, 1, 1, 1, 0 }));
    }

    [Test]
    public void Clip_Gradient_MatchesFiniteDifferencesAwayFromTheBounds()
    {
        var x = new Tensor([-1.3, -0.7, -0.2, 0.1, 0.4, 0.9, 1.7, -0.45, 0.3, 1.1, -0.9, 0.05], 3, 4);

        GradientChecking.AssertMatchesFiniteDifferences(t => t.Clip(-0.5, 0.5), x);
    }

    [Test]
    public void Clip_LowAboveHigh_ThrowsNamingBothBounds()
    {
        var x = Tensor.Zeros([2]);

        Assert.That(() => x.Clip(1, 0), Throws.ArgumentException.With.Message.EqualTo("clip: low 1 must not exceed high 0"));
    }
}
