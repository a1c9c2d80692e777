using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class SumOpTests
{
    private static Tensor OneToSix() => new([1.0, 2, 3, 4, 5, 6], 2, 3);

    [Test]
    public void Sum_WithoutAxis_AddsEveryElementIntoAScalar()
    {
        var sum = OneToSix().Sum();

        Assert.That(sum.Rank, Is.EqualTo(0));
        Assert.That(sum.Item(), Is.EqualTo(21));
    }

    [Test]
    public void Sum_AlongAxis0_AddsTheColumns()
    {
        Assert.That(OneToSix().Sum(axis: 0).ToArray<double>(), Is.EqualTo(new[] { 5.0, 7, 9 }));
    }

    [Test]
    public void Sum_AlongLastAxisKeepingDims_AddsTheRowsIntoAColumn()
    {
        var sum = OneToSix().Sum(axis: -1, keepDims: true);

        Assert.That(sum.Shape, Is.EqualTo(new[] { 2, 1 }));
        Assert.That(sum.ToArray<double>(), Is.EqualTo(new[] { 6.0, 15 }));
    }

    [Test]
    public void Sum_AlongMiddleAxisOfRank3_AddsOverThatAxisOnly()
    {
        // x[a,b,c] = 12a + 4b + c; summing over b gives 3·(12a + c) + 4·(0+1+2) = 36a + 3c + 12.
        var x = new Tensor(Enumerable.Range(0, 24).Select(v => (double)v).ToArray(), 2, 3, 4);

        var sum = x.Sum(axis: 1);

        Assert.That(sum.Shape, Is.EqualTo(new[] { 2, 4 }));
        Assert.That(sum.ToArray<double>(), Is.EqualTo(new[] { 12.0, 15, 18, 21, 48, 51, 54, 57 }));
    }

    [Test]
    public void Mean_WithoutAxis_AveragesEveryElement()
    {
        Assert.That(OneToSix().Mean().Item(), Is.EqualTo(3.5));
    }

    [Test]
    public void Mean_AlongAxis0_AveragesTheColumns()
    {
        Assert.That(OneToSix().Mean(axis: 0).ToArray<double>(), Is.EqualTo(new[] { 2.5, 3.5, 4.5 }));
    }

    [Test]
    public void Mean_WithoutAxisKeepingDims_GivesAllOnesShape()
    {
        Assert.That(OneToSix().Mean(keepDims: true).Shape, Is.EqualTo(new[] { 1, 1 }));
    }

    [TestCase(null, false)]
    [TestCase(null, true)]
    [TestCase(0, false)]
    [TestCase(0, true)]
    [TestCase(1, false)]
    [TestCase(1, true)]
    [TestCase(2, false)]
    [TestCase(2, true)]
    [TestCase(-1, false)]
    public void Sum_Gradient_MatchesFiniteDifferences(int? axis, bool keepDims) =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Sum(axis, keepDims), Uniform(51, -1, 1, 2, 3, 4));

    [TestCase(null, false)]
    [TestCase(null, true)]
    [TestCase(0, false)]
    [TestCase(0, true)]
    [TestCase(1, false)]
    [TestCase(1, true)]
    [TestCase(2, false)]
    [TestCase(2, true)]
    [TestCase(-2, false)]
    public void Mean_Gradient_MatchesFiniteDifferences(int? axis, bool keepDims) =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Mean(axis, keepDims), Uniform(52, -1, 1, 2, 3, 4));

    [Test]
    public void Sum_AxisOutOfRange_ThrowsNamingTheOpAxisAndRank()
    {
        Assert.That(() => OneToSix().Sum(axis: 2),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.StartsWith("sum: axis 2 is out of range for a tensor of rank 2"));
    }

    [Test]
    public void Mean_NegativeAxisOutOfRange_ThrowsNamingTheOpAxisAndRank()
    {
        Assert.That(() => OneToSix().Mean(axis: -3),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.StartsWith("mean: axis -3 is out of range for a tensor of rank 2"));
    }
}
