using MiniNet.Metrics;
using MiniNet.Tensors;

namespace MiniNet.Tests.Metrics;

public class BinaryAccuracyTests
{
    private static Tensor Column(params float[] values) => new(values, values.Length, 1);

    [Test]
    public void PredictionEqualToTheThreshold_CountsAsZero()
    {
        // 0.5 is not above 0.5, so it predicts 0: wrong for target 1, right for target 0; 0.51 predicts 1, right.
        var accuracy = new BinaryAccuracy();

        accuracy.Update(Column(1, 0, 1), Column(0.5f, 0.5f, 0.51f));

        Assert.That((accuracy.Total, accuracy.Count), Is.EqualTo((2.0, 3L)));
    }

    [Test]
    public void Threshold_IsTheOneGiven()
    {
        // At threshold -1 the predictions -0.5, -2, 0 are 1, 0, 1; targets 1, 1, 0: the first only is right.
        var accuracy = new BinaryAccuracy(threshold: -1);

        accuracy.Update(Column(1, 1, 0), Column(-0.5f, -2, 0));

        Assert.That(accuracy.Result, Is.EqualTo(1.0 / 3).Within(1e-15));
    }

    [Test]
    public void EveryValueOfSeveralOutputs_CountsOnce()
    {
        var accuracy = new BinaryAccuracy();

        accuracy.Update(new Tensor(new float[] { 1, 0, 0, 1 }, 2, 2), new Tensor(new float[] { 0.9f, 0.1f, 0.8f, 0.2f }, 2, 2));

        Assert.That((accuracy.Total, accuracy.Count), Is.EqualTo((2.0, 4L)));
    }

    [Test]
    public void TargetNeitherZeroNorOne_ThrowsNamingTheValueAndIndex()
    {
        Assert.That(() => new BinaryAccuracy().Update(Column(0, 0.5f), Column(0.2f, 0.7f)),
            Throws.ArgumentException.With.Message.StartsWith("binary_accuracy: target 0.5 at index 1 is not 0 or 1"));
    }

    [Test]
    public void InfiniteThreshold_ThrowsNamingIt()
    {
        Assert.That(() => new BinaryAccuracy(double.PositiveInfinity),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("threshold"));
    }
}
