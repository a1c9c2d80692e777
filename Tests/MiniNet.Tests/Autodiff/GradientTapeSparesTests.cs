using MiniNet.Autodiff;
using MiniNet.Tensors;

namespace MiniNet.Tests.Autodiff;

/// <summary>A tape's op list and tracked set, and a backward pass's gradient map, are reused by the next tape on the thread
/// (GradientTapeSpares.cs): nothing of one tape may reach the next, and tapes open at once never share them.</summary>
public class GradientTapeSparesTests
{
    [Test]
    public void NextTape_AfterOneThatFinished_RecordsNothingOfIt()
    {
        var x = new Tensor([2.0, 3], 2);
        var first = new GradientTape();
        first.Watch(x);
        var y = x * x;
        Assert.That(first.Gradient(y, [x])[0]!.ToArray<double>(), Is.EqualTo(new[] { 4.0, 6 }));
        first.Dispose();

        using var second = new GradientTape();
        var z = y * 2.0; // y was tracked by the first tape only

        Assert.That(second.Operations, Is.Empty);
        Assert.That(first.Operations, Is.Empty);
        Assert.That(second.Gradient(z, [y])[0], Is.Null, "the second tape saw y as tracked: the first tape's set leaked into it");
    }

    [Test]
    public void FinishedTape_DisposedBeforeItsGradient_StillComputesIt()
    {
        // TensorFlow's pattern: record inside using, differentiate after; the containers go back only after the gradient.
        var x = new Tensor([2.0, 3], 2);
        Tensor cube;
        var tape = new GradientTape();
        using (tape)
        {
            tape.Watch(x);
            cube = x * x * x;
        }
        using (var other = new GradientTape()) other.Watch(new Tensor([1.0], 1)); // a tape opened and closed in between

        Assert.That(tape.Gradient(cube, [x])[0]!.ToArray<double>(), Is.EqualTo(new[] { 12.0, 27 }));
    }

    [Test]
    public void TwoTapesOpenAtOnce_AfterSparesWereGivenBack_KeepTheirOwnOps()
    {
        using (var warm = new GradientTape()) { var w = new Tensor([1.0], 1); warm.Watch(w); warm.Gradient(w * 2.0, [w]); }
        using (var warm = new GradientTape()) { var w = new Tensor([1.0], 1); warm.Watch(w); warm.Gradient(w * 2.0, [w]); }

        var a = new Tensor([1.0], 1);
        var b = new Tensor([5.0], 1);
        using var outer = new GradientTape(persistent: true);
        using var inner = new GradientTape(persistent: true);
        outer.Watch(a);
        inner.Watch(b);
        var ya = a * 3.0;
        var yb = b * b;

        Assert.That(outer.Operations, Has.Count.EqualTo(1));
        Assert.That(inner.Operations, Has.Count.EqualTo(1));
        Assert.That(outer.Gradient(ya, [a])[0]!.ToArray<double>(), Is.EqualTo(new[] { 3.0 }));
        Assert.That(inner.Gradient(yb, [b])[0]!.ToArray<double>(), Is.EqualTo(new[] { 10.0 }));
        Assert.That(outer.Gradient(yb, [b])[0], Is.Null);
    }
}
