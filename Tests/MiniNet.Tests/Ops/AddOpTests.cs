using MiniNet.Autodiff;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class AddOpTests
{
    [Test]
    public void Add_BiasRowOntoBatch_AddsTheRowToEveryRow()
    {
        var batch = new Tensor([1.0, 2, 3, 4, 5, 6], 2, 3);
        var bias = new Tensor([10.0, 20, 30], 3);

        var sum = batch + bias;

        Assert.That(sum.Shape, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(sum.ToArray<double>(), Is.EqualTo(new[] { 11.0, 22, 33, 14, 25, 36 }));
    }

    [Test]
    public void Add_ColumnOntoBatch_AddsOneValueToEachRow()
    {
        var batch = new Tensor([1.0, 2, 3, 4, 5, 6], 2, 3);
        var column = new Tensor([100.0, 200], 2, 1);

        var sum = batch + column;

        Assert.That(sum.ToArray<double>(), Is.EqualTo(new[] { 101.0, 102, 103, 204, 205, 206 }));
    }

    [Test]
    public void Add_Rank3BroadcastOfBothOperands_PairsEveryRowWithEveryColumnValue()
    {
        // a (2,1,2) and b (3,1) broadcast to (2,3,2): result[i,j,k] = a[i,0,k] + b[j,0].
        var a = new Tensor([1.0, 2, 3, 4], 2, 1, 2);
        var b = new Tensor([10.0, 20, 30], 3, 1);

        var sum = a + b;

        Assert.That(sum.Shape, Is.EqualTo(new[] { 2, 3, 2 }));
        Assert.That(sum.ToArray<double>(), Is.EqualTo(new[] { 11.0, 12, 21, 22, 31, 32, 13, 14, 23, 24, 33, 34 }));
    }

    [Test]
    public void Add_Constant_AddsItToEveryElement()
    {
        var sum = new Tensor([1.0, -2], 2) + 0.5;

        Assert.That(sum.ToArray<double>(), Is.EqualTo(new[] { 1.5, -1.5 }));
    }

    [TestCaseSource(typeof(BroadcastShapes), nameof(BroadcastShapes.Pairs))]
    public void Add_Gradient_MatchesFiniteDifferences(int[] aShape, int[] bShape) =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x[0] + x[1], Uniform(1, -1, 1, aShape), Uniform(2, -1, 1, bShape));

    [Test]
    public void Add_ShapesThatDoNotBroadcast_ThrowNamingTheOpAndBothShapes()
    {
        var a = Tensor.Zeros([2, 3]);
        var b = Tensor.Zeros([4]);

        Assert.That(() => a + b, Throws.ArgumentException.With.Message.EqualTo("add: (2,3) and (4) cannot be broadcast: dimension 3 and 4 differ"));
    }

    /// <summary>Each operand shaped like the output gets dy handed over as its own copy: x + x gets 2·dy, and x's gradient
    /// from a later use is added to it, not lost or aliased.</summary>
    [Test]
    public void Backward_SameTensorOnBothSidesAndUsedAgain_AddsEveryContribution()
    {
        var x = new Tensor([1.0, -2, 3], 3);
        var upstream = new Tensor([0.5, 1, 2], 3);
        using var tape = new GradientTape();
        tape.Watch(x);

        var loss = ((x + x) * upstream).Sum() + (x * x).Sum();
        var dx = tape.Gradient(loss, [x])[0]!;

        // 2·upstream + 2x
        Assert.That(dx.ToArray<double>(), Is.EqualTo(new[] { 3.0, -2, 10 }));
    }
}
