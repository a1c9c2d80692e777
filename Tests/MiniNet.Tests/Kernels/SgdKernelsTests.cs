using MiniNet.Kernels;

namespace MiniNet.Tests.Kernels;

public class SgdKernelsTests
{
    /// <summary>Lengths that are split across threads (32,769 once left its last weight in no thread's range), plus one that
    /// is not; every weight must get the scalar update, bit for bit, on one, two and three threads.</summary>
    [TestCase(1_003, 2)]
    [TestCase(32_769, 2)]
    [TestCase(100_352, 2)]
    [TestCase(100_355, 3)]
    [TestCase(100_355, 1)]
    public void Step_SplitAcrossThreads_UpdatesEveryWeightAsTheScalarFormula(int length, int threads)
    {
        var random = new Random(length);
        float[] weights = [.. Enumerable.Range(0, length).Select(_ => random.NextSingle() - 0.5f)];
        float[] velocity = [.. Enumerable.Range(0, length).Select(_ => random.NextSingle() - 0.5f)];
        float[] gradient = [.. Enumerable.Range(0, length).Select(_ => random.NextSingle() - 0.5f)];
        const float learningRate = 0.1f, momentum = 0.9f, weightDecay = 0.01f;
        var expectedVelocity = new float[length];
        var expectedWeights = new float[length];
        for (int i = 0; i < length; i++)
        {
            float g = gradient[i] + weightDecay * weights[i];
            expectedVelocity[i] = momentum * velocity[i] + g;
            expectedWeights[i] = weights[i] - learningRate * expectedVelocity[i];
        }
        int saved = Engine.Threads;
        try
        {
            Engine.Threads = threads;
            SgdKernels.Step<float>(weights, velocity, gradient, learningRate, momentum, weightDecay, nesterov: false);
        }
        finally
        {
            Engine.Threads = saved;
        }

        Assert.That(velocity, Is.EqualTo(expectedVelocity).AsCollection);
        Assert.That(weights, Is.EqualTo(expectedWeights).AsCollection);
    }
}
