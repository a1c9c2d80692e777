using MiniNet.Autodiff;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class MaxOpTests
{
    private static Tensor Sample() => new([1.0, 5, 3, 4, 2, 6], 2, 3);

    [Test]
    public void Max_AlongAxis0_TakesTheLargestOfEachColumn()
    {
        Assert.That(Sample().Max(axis: 0).ToArray<double>(), Is.EqualTo(new[] { 4.0, 5, 6 }));
    }

    [Test]
    public void Max_AlongAxis1KeepingDims_TakesTheLargestOfEachRow()
    {
        var max = Sample().Max(axis: 1, keepDims: true);

        Assert.That(max.Shape, Is.EqualTo(new[] { 2, 1 }));
        Assert.That(max.ToArray<double>(), Is.EqualTo(new[] { 5.0, 6 }));
    }

    [Test]
    public void Max_WithoutAxis_TakesTheLargestElement()
    {
        Assert.That(Sample().Max().Item(), Is.EqualTo(6));
    }

    [TestCase(null, false)]
    [TestCase(null, true)]
    [TestCase(0, false)]
    [TestCase(0, true)]
    [TestCase(1, false)]
    [TestCase(1, true)]
    [TestCase(2, false)]
    [TestCase(-1, true)]
    public void Max_Gradient_MatchesFiniteDifferences(int? axis, bool keepDims) =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Max(axis, keepDims), Distinct(61, 2, 3, 4));

    [Test]
    public void Max_WithTies_SendsTheGradientToTheFirstMaximumOnly()
    {
        var x = new Tensor([3.0, 1, 3], 3);
        using var tape = new GradientTape();
        tape.Watch(x);

        var gradient = tape.Gradient(x.Max(), [x])[0]!;

        Assert.That(gradient.ToArray<double>(), Is.EqualTo(new[] { 1.0, 0, 0 }));
    }

    [Test]
    public void Max_AxisOutOfRange_ThrowsNamingTheOpAxisAndRank()
    {
        Assert.That(() => Sample().Max(axis: 3),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.StartsWith("max: axis 3 is out of range for a tensor of rank 2"));
    }
}
