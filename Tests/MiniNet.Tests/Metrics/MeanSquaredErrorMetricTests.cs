using MiniNet.Metrics;
using MiniNet.Tensors;

namespace MiniNet.Tests.Metrics;

public class MeanSquaredErrorMetricTests
{
    private static Tensor Column(params float[] values) => new(values, values.Length, 1);

    [Test]
    public void TwoBatches_AveragesTheSquaresOverEveryValueSeen()
    {
        // 0.5² + 1² = 1.25, then 3² = 9: 10.25 over 3 values.
        var metric = new MeanSquaredErrorMetric();

        metric.Update(Column(1, 2), Column(1.5f, 1));
        metric.Update(Column(0), Column(-3));

        Assert.That(metric.Result, Is.EqualTo(10.25 / 3).Within(1e-15));
    }
}
