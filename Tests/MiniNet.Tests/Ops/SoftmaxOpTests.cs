using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class SoftmaxOpTests
{
    [Test]
    public void Softmax_OfLogsOfOneTwoThree_IsOneTwoThreeSixths()
    {
        var y = new Tensor([0.0, Math.Log(2), Math.Log(3)], 1, 3).Softmax();

        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 1 / 6.0, 2 / 6.0, 3 / 6.0 }).Within(1e-15));
    }

    [Test]
    public void Softmax_AlongAxis0_NormalisesEachColumn()
    {
        // Column 0 holds [0, ln 3] -> [1/4, 3/4]; column 1 holds [ln 2, 0] -> [2/3, 1/3].
        var y = new Tensor([0.0, Math.Log(2), Math.Log(3), 0], 2, 2).Softmax(axis: 0);

        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 0.25, 2 / 3.0, 0.75, 1 / 3.0 }).Within(1e-15));
    }

    [Test]
    public void Softmax_OfHugeLogits_DoesNotOverflow()
    {
        var y = new Tensor([1000.0, 1000], 2).Softmax();

        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 0.5, 0.5 }));
    }

    [Test]
    public void LogSoftmax_OfLogsOfOneTwoThree_IsLogOfOneTwoThreeSixths()
    {
        var y = new Tensor([0.0, Math.Log(2), Math.Log(3)], 3).LogSoftmax();

        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { -Math.Log(6), -Math.Log(3), -Math.Log(2) }).Within(1e-15));
    }

    [Test]
    public void LogSoftmax_OfFarApartLogits_StaysFinite()
    {
        // log softmax([1000, 0]) = [-log(1 + e^-1000), -1000 - log(1 + e^-1000)] = [0, -1000] in float64.
        var y = new Tensor([1000.0, 0], 2).LogSoftmax();

        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 0.0, -1000 }));
    }

    [TestCase(-1)]
    [TestCase(0)]
    public void Softmax_Gradient_MatchesFiniteDifferences(int axis) =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Softmax(axis), Uniform(81, -2, 2, 3, 4));

    [TestCase(-1)]
    [TestCase(0)]
    public void LogSoftmax_Gradient_MatchesFiniteDifferences(int axis) =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.LogSoftmax(axis), Uniform(82, -2, 2, 3, 4));

    [Test]
    public void Softmax_AlongMiddleAxisOfRank3_GradientMatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Softmax(axis: 1), Uniform(83, -2, 2, 2, 3, 4));

    [Test]
    public void LogSoftmax_AlongMiddleAxisOfRank3_GradientMatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.LogSoftmax(axis: 1), Uniform(84, -2, 2, 2, 3, 4));

    [Test]
    public void Softmax_AxisOutOfRange_ThrowsNamingTheOpAxisAndRank()
    {
        var x = Tensor.Zeros([2, 3]);

        Assert.That(() => x.Softmax(axis: 2),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.StartsWith("softmax: axis 2 is out of range for a tensor of rank 2"));
    }

    [Test]
    public void LogSoftmax_AxisOutOfRange_ThrowsNamingTheOpAxisAndRank()
    {
        var x = Tensor.Zeros([2, 3]);

        Assert.That(() => x.LogSoftmax(axis: -3),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.StartsWith("log_softmax: axis -3 is out of range for a tensor of rank 2"));
    }

    [TestCase(-1)]
    [TestCase(0)]
    public void SoftmaxAndLogSoftmax_EmptyAxis_GiveAnEmptyTensor(int axis)
    {
        // As in PyTorch: the softmax of no logits is no probabilities; there is nothing to reject.
        var x = Tensor.Zeros(axis == 0 ? [0, 3] : [3, 0]);

        Assert.That(x.Softmax(axis).Shape, Is.EqualTo(x.Shape));
        Assert.That(x.LogSoftmax(axis).Shape, Is.EqualTo(x.Shape));
    }
}
