using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class MultiplyOpTests
{
    [Test]
    public void Multiply_ColumnOntoBatch_ScalesEachRowByItsValue()
    {
        var batch = new Tensor([1.0, 2, 3, 4, 5, 6], 2, 3);
        var column = new Tensor([2.0, -1], 2, 1);

        Assert.That((batch * column).ToArray<double>(), Is.EqualTo(new[] { 2.0, 4, 6, -4, -5, -6 }));
    }

    [Test]
    public void Multiply_ByConstant_ScalesEveryElement()
    {
        Assert.That((3.0 * new Tensor([1.0, -0.5], 2)).ToArray<double>(), Is.EqualTo(new[] { 3.0, -1.5 }));
    }

    [TestCaseSource(typeof(BroadcastShapes), nameof(BroadcastShapes.Pairs))]
    public void Multiply_Gradient_MatchesFiniteDifferences(int[] aShape, int[] bShape) =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x[0] * x[1], Uniform(5, -1, 1, aShape), Uniform(6, -1, 1, bShape));

    [Test]
    public void Multiply_ShapesThatDoNotBroadcast_ThrowNamingTheOpAndBothShapes()
    {
        var a = Tensor.Zeros([3, 1]);
        var b = Tensor.Zeros([2, 5]);

        Assert.That(() => a * b, Throws.ArgumentException.With.Message.EqualTo("multiply: (3,1) and (2,5) cannot be broadcast: dimension 3 and 2 differ"));
    }
}
