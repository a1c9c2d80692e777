using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class ConcatenateOpTests
{
    [Test]
    public void Stack_StepsOnAxisOne_MakesASequence()
    {
        var first = new Tensor([1.0, 2, 3, 4], 2, 2);
        var second = new Tensor([5.0, 6, 7, 8], 2, 2);

        var sequence = ConcatenateOp.Stack([first, second], axis: 1);

        Assert.That(sequence.Shape, Is.EqualTo(new[] { 2, 2, 2 }));
        Assert.That(sequence.ToArray<double>(), Is.EqualTo(new double[] { 1, 2, 5, 6, 3, 4, 7, 8 }));
    }

    [Test]
    public void Concatenate_LastAxis_PutsTheColumnsSideBySide()
    {
        var left = new Tensor([1.0, 2, 3, 4], 2, 2);
        var right = new Tensor([5.0, 6], 2, 1);

        var joined = ConcatenateOp.Concatenate([left, right], axis: -1);

        Assert.That(joined.Shape, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(joined.ToArray<double>(), Is.EqualTo(new double[] { 1, 2, 5, 3, 4, 6 }));
    }

    [Test]
    public void Stack_Gradient_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(parts => ConcatenateOp.Stack(parts, axis: 1),
            Uniform(6, -1, 1, 2, 3), Uniform(7, -1, 1, 2, 3), Uniform(8, -1, 1, 2, 3));

    [Test]
    public void Concatenate_Gradient_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(parts => ConcatenateOp.Concatenate(parts, axis: 1),
            Uniform(9, -1, 1, 2, 1, 3), Uniform(10, -1, 1, 2, 2, 3));

    [Test]
    public void Stack_OneTensorTwice_AddsBothGradients() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => ConcatenateOp.Stack([x, x.Square()], axis: 0), Uniform(11, -1, 1, 3));

    [Test]
    public void Concatenate_ShapesThatDifferOutsideTheAxis_ThrowsNamingBoth() =>
        Assert.That(() => ConcatenateOp.Concatenate([Tensor.Zeros([2, 3]), Tensor.Zeros([3, 3])], axis: 1),
            Throws.ArgumentException.With.Message.StartsWith("concatenate: (2,3) and (3,3) differ outside axis 1"));

    [Test]
    public void Stack_NoTensors_Throws() =>
        Assert.That(() => ConcatenateOp.Stack([], axis: 0), Throws.ArgumentException.With.Message.StartsWith("stack: needs at least one tensor"));
}
