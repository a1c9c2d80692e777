using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class SplitHeadsOpTests
{
    /// <summary>x[b, t, f] = 100b + 10t + f over (2, 3, 12), three parts of two heads of width 2: part p, head h, position t
    /// is x[b, t, 4p + 2h .. 4p + 2h + 1].</summary>
    [Test]
    public void Apply_TakesThePartsSliceAndPutsHeadsBeforeTime()
    {
        var x = new Tensor(Enumerable.Range(0, 72).Select(i => 100.0 * (i / 36) + 10 * (i / 12 % 3) + i % 12).ToArray(), 2, 3, 12);

        var k = SplitHeadsOp.Apply(x, heads: 2, part: 1, parts: 3);

        Assert.That(k.Shape, Is.EqualTo(new[] { 2, 2, 3, 2 }));
        var values = k.ToArray<double>();
        for (int b = 0; b < 2; b++)
        for (int h = 0; h < 2; h++)
        for (int t = 0; t < 3; t++)
        for (int d = 0; d < 2; d++)
            Assert.That(values[((b * 2 + h) * 3 + t) * 2 + d], Is.EqualTo(100 * b + 10 * t + 4 + 2 * h + d));
    }

    [Test]
    public void MergeHeads_UndoesSplitHeads()
    {
        var x = Uniform(1, -1, 1, 2, 3, 8);

        Assert.That(MergeHeadsOp.Apply(SplitHeadsOp.Apply(x, heads: 4)).ToArray<double>(), Is.EqualTo(x.ToArray<double>()));
    }

    [Test]
    public void Apply_GradientMatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => SplitHeadsOp.Apply(x, heads: 2, part: 2, parts: 3), Uniform(2, -1, 1, 2, 3, 12));

    /// <summary>All three parts read one tensor: each adds its slice of the gradient.</summary>
    [Test]
    public void Apply_ThreeParts_GradientsAdd() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => SplitHeadsOp.Apply(x, 2, 0, 3) * SplitHeadsOp.Apply(x, 2, 1, 3) + SplitHeadsOp.Apply(x, 2, 2, 3),
            Uniform(3, -1, 1, 2, 3, 12));

    [Test]
    public void MergeHeads_GradientMatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(MergeHeadsOp.Apply, Uniform(4, -1, 1, 2, 3, 4, 2));

    [Test]
    public void Apply_WidthNotDivisible_SaysSo() =>
        Assert.That(() => SplitHeadsOp.Apply(Uniform(5, -1, 1, 2, 3, 10), heads: 4), Throws.ArgumentException.With.Message.EqualTo(
            "split_heads: (2,3,10) into 4 heads, part 0 of 1: features 10 must divide into 1 parts of 4 equal heads"));
}
