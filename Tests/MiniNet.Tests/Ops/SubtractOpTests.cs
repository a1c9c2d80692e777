using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class SubtractOpTests
{
    [Test]
    public void Subtract_BiasRowFromBatch_SubtractsTheRowFromEveryRow()
    {
        var batch = new Tensor([10.0, 20, 30, 40], 2, 2);
        var row = new Tensor([1.0, 2], 2);

        Assert.That((batch - row).ToArray<double>(), Is.EqualTo(new[] { 9.0, 18, 29, 38 }));
    }

    [Test]
    public void Subtract_BatchFromConstant_SubtractsEveryElementFromTheConstant()
    {
        var difference = 1.0 - new Tensor([0.25, 2], 2);

        Assert.That(difference.ToArray<double>(), Is.EqualTo(new[] { 0.75, -1 }));
    }

    [TestCaseSource(typeof(BroadcastShapes), nameof(BroadcastShapes.Pairs))]
    public void Subtract_Gradient_MatchesFiniteDifferences(int[] aShape, int[] bShape) =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x[0] - x[1], Uniform(3, -1, 1, aShape), Uniform(4, -1, 1, bShape));

    [Test]
    public void Subtract_ShapesThatDoNotBroadcast_ThrowNamingTheOpAndBothShapes()
    {
        var a = Tensor.Zeros([2, 3, 4]);
        var b = Tensor.Zeros([2, 4, 1]);

        Assert.That(() => a - b, Throws.ArgumentException.With.Message.EqualTo("subtract: (2,3,4) and (2,4,1) cannot be broadcast: dimension 3 and 4 differ"));
    }
}
