using MiniNet.Metrics;
using MiniNet.Tensors;

namespace MiniNet.Tests.Metrics;

public class MetricTests
{
    private static Tensor Column(params float[] values) => new(values, values.Length, 1);

    [TestCase("accuracy", typeof(Accuracy))]
    [TestCase("acc", typeof(Accuracy))]
    [TestCase("sparse_categorical_accuracy", typeof(SparseCategoricalAccuracy))]
    [TestCase("binary_accuracy", typeof(BinaryAccuracy))]
    [TestCase("mae", typeof(MeanAbsoluteErrorMetric))]
    [TestCase("mean_absolute_error", typeof(MeanAbsoluteErrorMetric))]
    [TestCase("mse", typeof(MeanSquaredErrorMetric))]
    [TestCase("mean_squared_error", typeof(MeanSquaredErrorMetric))]
    [TestCase("rmse", typeof(RootMeanSquaredErrorMetric))]
    [TestCase("root_mean_squared_error", typeof(RootMeanSquaredErrorMetric))]
    public void FromName_KerasName_GivesThatMetricLoggedUnderTheNameGiven(string name, Type type)
    {
        var metric = Metric.FromName(name);

        Assert.That(metric, Is.TypeOf(type));
        Assert.That(metric.Name, Is.EqualTo(name));
    }

    [Test]
    public void FromName_UnknownName_ThrowsNamingItAndTheKnownOnes()
    {
        Assert.That(() => Metric.FromName("f1"),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("name")
                .And.Message.StartsWith("metric: unknown name \"f1\"; known: accuracy, mae, mse, rmse"));
    }

    [Test]
    public void ImplicitConversion_FromAString_IsFromName()
    {
        Metric metric = "mae";

        Assert.That(metric, Is.TypeOf<MeanAbsoluteErrorMetric>());
        Assert.That(metric.Name, Is.EqualTo("mae"));
    }

    [Test]
    public void Reset_ForgetsEverythingSeen()
    {
        var metric = new MeanAbsoluteErrorMetric();
        metric.Update(Column(1, 2), Column(2, 4));

        metric.Reset();

        Assert.That((metric.Total, metric.Count), Is.EqualTo((0.0, 0L)));
        Assert.That(() => metric.Result, Throws.InvalidOperationException);
    }

    [Test]
    public void Restore_FromAState_ContinuesAsIfNeverInterrupted()
    {
        // Batches |1-2| + |2-4| = 3 over 2 values, then |0-5| = 5 over 1: the mean over all three is 8/3.
        var interrupted = new MeanAbsoluteErrorMetric("mae");
        interrupted.Update(Column(1, 2), Column(2, 4));
        var state = interrupted.State;

        var resumed = new MeanAbsoluteErrorMetric("mae");
        resumed.Restore(state);
        resumed.Update(Column(0), Column(5));

        Assert.That(state, Is.EqualTo(new MetricState("mae", 3, 2)));
        Assert.That(resumed.Result, Is.EqualTo(8.0 / 3).Within(1e-15));
    }

    [Test]
    public void Restore_AnotherMetricsState_ThrowsNamingBoth()
    {
        var metric = new MeanAbsoluteErrorMetric("mae");

        Assert.That(() => metric.Restore(new MetricState("rmse", 1, 1)),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("state")
                .And.Message.StartsWith("mae: the saved state is metric 'rmse''s"));
    }

    [Test]
    public void Restore_NegativeCount_ThrowsNamingIt()
    {
        Assert.That(() => new MeanAbsoluteErrorMetric("mae").Restore(new MetricState("mae", 1, -2)),
            Throws.ArgumentException.With.Message.StartsWith("mae: the saved count -2 is negative"));
    }
}
