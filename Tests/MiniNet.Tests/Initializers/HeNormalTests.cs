using MiniNet.Initializers;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;

namespace MiniNet.Tests.Initializers;

public class HeNormalTests
{
    [Test]
    public void Fill_OnALargeLayer_HasStandardDeviationSqrtTwoOverFanIn()
    {
        const int fanIn = 1000;
        var dense = new Dense(256, kernelInitializer: new HeNormal());
        _ = new Sequential(fanIn, [dense], seed: 4, dtype: DType.Float64);
        var weights = dense.Kernel.ToArray<double>();

        Assert.That(Statistics.Mean(weights), Is.EqualTo(0).Within(0.01 * Math.Sqrt(2.0 / fanIn)));
        Assert.That(Statistics.StandardDeviation(weights), Is.EqualTo(Math.Sqrt(2.0 / fanIn)).Within(3).Percent);
    }

    [Test]
    public void Fill_OnALargeLayer_IsTruncatedAtTwoUntruncatedStandardDeviations()
    {
        // Keras draws from N(0, s²) truncated to ±2s, with s chosen so the truncated standard deviation is σ = √(2 / fanIn).
        // A standard normal truncated to ±2 has standard deviation √(1 - 4φ(2) / (2Φ(2) - 1)) ≈ √(1 - 4·0.05399 / 0.9545)
        // ≈ 0.8796, so s ≈ σ / 0.8796 and the cut-off 2s ≈ 2.274σ. The extremes of 256 000 draws come close to it.
        const int fanIn = 1000;
        double sigma = Math.Sqrt(2.0 / fanIn);
        var dense = new Dense(256, kernelInitializer: new HeNormal());
        _ = new Sequential(fanIn, [dense], seed: 4, dtype: DType.Float64);
        var weights = dense.Kernel.ToArray<double>();

        Assert.That(weights.Max(Math.Abs), Is.LessThanOrEqualTo(2.275 * sigma));
        Assert.That(weights.Max(Math.Abs), Is.GreaterThan(2.25 * sigma));
    }
}
