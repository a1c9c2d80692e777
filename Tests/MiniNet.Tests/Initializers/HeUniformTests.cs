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
        // Both arrays start as NaN, so a Fill that wrote nothing would leave NaN (outside the bound) and 1 distinct value.
        double limit = Math.Sqrt(6.0 / 10);
        var first = Enumerable.Repeat(double.NaN, 100).ToArray();
        var second = Enumerable.Repeat(double.NaN, 100).ToArray();
        var otherSeed = Enumerable.Repeat(double.NaN, 100).ToArray();

        new HeUniform().Fill(first, 10, 10, new Random(5));
        new HeUniform().Fill(second, 10, 10, new Random(5));
        new HeUniform().Fill(otherSeed, 10, 10, new Random(6));

        Assert.That(first, Is.All.InRange(-limit, limit));
        Assert.That(first.Distinct().Count(), Is.EqualTo(100));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(otherSeed, Is.Not.EqualTo(first));
    }
}
