using MiniNet.Losses;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Losses;

public class MeanSquaredErrorTests
{
    [Test]
    public void Call_AveragesTheSquaredDifferences()
    {
        // ((2 - 1)² + (4 - 2)²) / 2 = 5 / 2.
        var labels = new Tensor([1.0, 2], 2, 1);
        var predictions = new Tensor([2.0, 4], 2, 1);

        Assert.That(new MeanSquaredError().Call(labels, predictions).Item(), Is.EqualTo(2.5));
    }

    [Test]
    public void Call_ReturnsAScalar()
    {
        Assert.That(new MeanSquaredError().Call(Tensor.Zeros([4, 3]), Tensor.Zeros([4, 3])).Rank, Is.EqualTo(0));
    }

    [Test]
    public void Call_GradientWithRespectToPredictionsAndLabels_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => new MeanSquaredError().Call(x[0], x[1]),
            Uniform(111, -1, 1, 4, 3), Uniform(112, -1, 1, 4, 3));

    [Test]
    public void Call_ShapesDiffer_ThrowsNamingTheLossAndBothShapes()
    {
        Assert.That(() => new MeanSquaredError().Call(Tensor.Zeros([2, 1]), Tensor.Zeros([2, 2])),
            Throws.ArgumentException.With.Message.EqualTo("mean_squared_error: labels (2,1) and predictions (2,2) differ in shape"));
    }
}
