using MiniNet.Metrics;
using MiniNet.Tensors;

namespace MiniNet.Tests.Metrics;

public class MeanAbsoluteErrorMetricTests
{
    private static Tensor Column(params float[] values) => new(values, values.Length, 1);

    [Test]
    public void TwoBatches_AveragesOverEveryValueSeen()
    {
        // |1.5-1| + |1-2| = 1.5, then |-3-0| = 3: 4.5 over 3 values.
        var metric = new MeanAbsoluteErrorMetric();

        metric.Update(Column(1, 2), Column(1.5f, 1));
        metric.Update(Column(0), Column(-3));

        Assert.That(metric.Result, Is.EqualTo(1.5));
    }

    [Test]
    public void SeveralOutputs_CountsEveryValue()
    {
        // |0-1| + |0-2| + |0-3| + |0-4| = 10 over 4 values.
        var metric = new MeanAbsoluteErrorMetric();

        metric.Update(Tensor.Zeros([2, 2]), new Tensor(new float[] { 1, -2, 3, -4 }, 2, 2));

        Assert.That((metric.Total, metric.Count, metric.Result), Is.EqualTo((10.0, 4L, 2.5)));
    }

    [Test]
    public void ShapesThatDoNotFit_ThrowNamingBoth()
    {
        Assert.That(() => new MeanAbsoluteErrorMetric("mae").Update(Tensor.Zeros([2, 1]), Tensor.Zeros([2, 2])),
            Throws.ArgumentException.With.Message.StartsWith("mae: targets (2,1) do not fit predictions (2,2)"));
    }
}
