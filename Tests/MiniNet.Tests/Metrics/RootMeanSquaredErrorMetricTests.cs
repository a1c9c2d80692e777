using MiniNet.Metrics;
using MiniNet.Tensors;

namespace MiniNet.Tests.Metrics;

public class RootMeanSquaredErrorMetricTests
{
    private static Tensor Column(params float[] values) => new(values, values.Length, 1);

    [Test]
    public void TwoBatches_IsTheRootOfTheEpochMean_NotTheMeanOfBatchRoots()
    {
        // Batch 1: errors 1, 1 (root mean square 1); batch 2: errors 3, 3 (root mean square 3). The mean of the batch roots
        // would be 2; the root of the mean over all four values is √((1 + 1 + 9 + 9) / 4) = √5.
        var metric = new RootMeanSquaredErrorMetric();

        metric.Update(Column(0, 0), Column(1, -1));
        metric.Update(Column(0, 0), Column(3, -3));

        Assert.That(metric.Result, Is.EqualTo(Math.Sqrt(5)).Within(1e-15));
    }

    [Test]
    public void Restore_ThenUpdate_GivesTheRootOfTheWholeMean()
    {
        // A saved state of squared errors 1 + 1 over 2 values, then errors 3, 3: √5 as if never interrupted.
        var metric = new RootMeanSquaredErrorMetric("rmse");
        metric.Restore(new MetricState("rmse", 2, 2));

        metric.Update(Column(0, 0), Column(3, -3));

        Assert.That(metric.Result, Is.EqualTo(Math.Sqrt(5)).Within(1e-15));
    }
}
