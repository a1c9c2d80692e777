using MiniNet.Initializers;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;

namespace MiniNet.Tests.Initializers;

public class HeUniformTests
{
    [Test]
    public void Fill_OnALargeLayer_StaysWithinTheBoundWithStandardDeviationSqrtTwoOverFanIn()
    {
        // He uniform is U(-l, l) with l = √(6 / fanIn); its standard deviation l / √3 = √(2 / fanIn).
        const int fanIn = 1000;
        double limit = Math.Sqrt(6.0 / fanIn);
        var dense = new Dense(256, kernelInitializer: new HeUniform());
        _ = new Sequential(fanIn, [dense], seed: 3, dtype: DType.Float64);
        var weights = dense.Kernel.ToArray<double>();

        Assert.That(weights, Is.All.InRange(-limit, limit));
        Assert.That(weights.Max() - weights.Min(), Is.GreaterThan(1.98 * limit));
        Assert.That(Statistics.Mean(weights), Is.EqualTo(0).Within(0.01 * limit));
        Assert.That(Statistics.StandardDeviation(weights), Is.EqualTo(Math.Sqrt(2.0 / fanIn)).Within(3).Percent);
    }

    [Test]
    public void Fill_SameSeed_GivesTheSameValues()
    {
        var first = new double[100];
        var second = new double[100];

        new HeUniform().Fill(first, 10, 10, new Random(5));
        new HeUniform().Fill(second, 10, 10, new Random(5));

        Assert.That(second, Is.EqualTo(first));
    }
}
