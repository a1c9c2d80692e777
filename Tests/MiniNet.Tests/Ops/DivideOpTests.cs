using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class DivideOpTests
{
    [Test]
    public void Divide_BatchByBiasRow_DividesEachColumnByItsValue()
    {
        var batch = new Tensor([1.0, 2, 3, 4], 2, 2);
        var row = new Tensor([2.0, 4], 2);

        Assert.That((batch / row).ToArray<double>(), Is.EqualTo(new[] { 0.5, 0.5, 1.5, 1 }));
    }

    [Test]
    public void Divide_ByConstant_DividesEveryElement()
    {
        Assert.That((new Tensor([1.0, -3], 2) / 4.0).ToArray<double>(), Is.EqualTo(new[] { 0.25, -0.75 }));
    }

    [TestCaseSource(typeof(BroadcastShapes), nameof(BroadcastShapes.Pairs))]
    public void Divide_Gradient_MatchesFiniteDifferences(int[] aShape, int[] bShape) =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x[0] / x[1], Uniform(7, -1, 1, aShape), AwayFromZero(8, 0.5, 2, bShape));

    [Test]
    public void Divide_ShapesThatDoNotBroadcast_ThrowNamingTheOpAndBothShapes()
    {
        var a = Tensor.Zeros([4]);
        var b = Tensor.Zeros([3]);

        Assert.That(() => a / b, Throws.ArgumentException.With.Message.EqualTo("divide: (4) and (3) cannot be broadcast: dimension 4 and 3 differ"));
    }
}
