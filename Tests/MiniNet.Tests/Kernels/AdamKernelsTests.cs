using MiniNet.Kernels;

namespace MiniNet.Tests.Kernels;

public class AdamKernelsTests
{
    /// <summary>Lengths split across threads and one that is not, with a tail shorter than a vector: every weight and both
    /// moments must get torch.optim.AdamW's scalar update, bit for bit, on one, two and three threads, with decoupled decay
    /// and with L2 decay.</summary>
    [TestCase(1_003, 2, true)]
    [TestCase(32_771, 2, true)]
    [TestCase(100_355, 3, false)]
    [TestCase(100_355, 1, true)]
    public void Step_SplitAcrossThreads_UpdatesEveryWeightAsTheScalarFormula(int length, int threads, bool decoupled)
    {
        var random = new Random(length);
        float[] Draw() => [.. Enumerable.Range(0, length).Select(_ => random.NextSingle() - 0.5f)];
        float[] weights = Draw(), gradient = Draw(), expAvg = Draw(), expAvgSq = [.. Draw().Select(v => v * v)];
        const float learningRate = 0.01f, beta1 = 0.9f, beta2 = 0.99f, epsilon = 1e-8f, weightDecay = 0.1f;
        const long step = 3;
        float stepSize = learningRate / (1 - MathF.Pow(beta1, step));
        float correction = MathF.Sqrt(1 - MathF.Pow(beta2, step));
        float decayFactor = decoupled ? 1 - learningRate * weightDecay : 1, l2 = decoupled ? 0 : weightDecay;
        var (expectedWeights, expectedAvg, expectedAvgSq) = (new float[length], new float[length], new float[length]);
        for (int i = 0; i < length; i++)
        {
            float g = gradient[i] + l2 * weights[i];
            expectedAvg[i] = beta1 * expAvg[i] + (1 - beta1) * g;
            expectedAvgSq[i] = beta2 * expAvgSq[i] + (1 - beta2) * g * g;
            expectedWeights[i] = weights[i] * decayFactor - stepSize * (expectedAvg[i] / (MathF.Sqrt(expectedAvgSq[i]) / correction + epsilon));
        }
        int saved = Engine.Threads;
        try
        {
            Engine.Threads = threads;
            AdamKernels.Step<float>(weights, gradient, expAvg, expAvgSq, learningRate, beta1, beta2, epsilon, weightDecay, decoupled, step);
        }
        finally
        {
            Engine.Threads = saved;
        }

        Assert.That(expAvg, Is.EqualTo(expectedAvg).AsCollection);
        Assert.That(expAvgSq, Is.EqualTo(expectedAvgSq).AsCollection);
        Assert.That(weights, Is.EqualTo(expectedWeights).AsCollection);
    }
}
