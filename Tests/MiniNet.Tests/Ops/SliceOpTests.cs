using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class SliceOpTests
{
    private static readonly Tensor Sequence = new([.. Enumerable.Range(0, 24).Select(i => (double)i)], 2, 3, 4);

    [Test]
    public void Select_TimeStepOne_IsTheMiddleRowOfEachExample()
    {
        var step = SliceOp.Select(Sequence, 1, 1);

        Assert.That(step.Shape, Is.EqualTo(new[] { 2, 4 }));
        Assert.That(step.ToArray<double>(), Is.EqualTo(new double[] { 4, 5, 6, 7, 16, 17, 18, 19 }));
    }

    [Test]
    public void Narrow_LastAxis_KeepsTheColumnsAndTheRank()
    {
        var columns = SliceOp.Narrow(Sequence, -1, 1, 2);

        Assert.That(columns.Shape, Is.EqualTo(new[] { 2, 3, 2 }));
        Assert.That(columns.ToArray<double>().Take(4), Is.EqualTo(new double[] { 1, 2, 5, 6 }));
        Assert.That(columns[1, 2, 1], Is.EqualTo(22));
    }

    [Test]
    public void Select_Gradient_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => SliceOp.Select(x, 1, 2), Uniform(3, -1, 1, 2, 3, 4));

    [Test]
    public void Narrow_Gradient_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => SliceOp.Narrow(x, 0, 1, 2), Uniform(4, -1, 1, 3, 5));

    [Test]
    public void Narrow_TwoPartsOfOneTensor_AddTheirGradients() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => SliceOp.Narrow(x, 1, 0, 3) * SliceOp.Narrow(x, 1, 1, 3), Uniform(5, -1, 1, 2, 4));

    [Test]
    public void Select_OutsideTheAxis_ThrowsNamingTheIndexAndTheShape() =>
        Assert.That(() => SliceOp.Select(Sequence, 1, 3), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.StartsWith(
            "select: index 3 is outside axis 1 of (2,3,4), which has length 3"));

    [Test]
    public void Narrow_PastTheEnd_ThrowsNamingTheRangeAndTheShape() =>
        Assert.That(() => SliceOp.Narrow(Sequence, 2, 3, 2), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.StartsWith(
            "narrow: [3, 5) is not a non-empty range within axis 2 of (2,3,4), which has length 4"));
}
