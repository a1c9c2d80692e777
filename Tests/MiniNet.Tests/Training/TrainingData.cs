using MiniNet.Data;

namespace MiniNet.Tests.Training;

/// <summary>Small classification sets for training tests.</summary>
internal static class TrainingData
{
    /// <summary>Two well-separated Gaussian blobs in 2-D: class 0 around (-2, -2), class 1 around (2, 2).</summary>
    public static Dataset Blobs(int count, int seed)
    {
        var random = new Random(seed);
        var features = new float[count * 2];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            double center = labels[i] == 0 ? -2 : 2;
            features[2 * i] = (float)(center + random.NextDouble() - 0.5);
            features[2 * i + 1] = (float)(center + random.NextDouble() - 0.5);
        }
        return new Dataset(features, labels, featureCount: 2);
    }

    /// <summary>A noisy plane in 2-D: target 2·x₀ - x₁ + 0.5 plus noise in [-0.05, 0.05), features in [-1, 1), one float target each.</summary>
    public static Dataset Regression(int count, int seed)
    {
        var random = new Random(seed);
        var features = new float[count * 2];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            features[2 * i] = (float)(2 * random.NextDouble() - 1);
            features[2 * i + 1] = (float)(2 * random.NextDouble() - 1);
            targets[i] = (float)(2 * features[2 * i] - features[2 * i + 1] + 0.5 + 0.1 * (random.NextDouble() - 0.5));
        }
        return Dataset.FromValues(features, [2], targets, [1]);
    }

    /// <summary>XOR of the signs of two features in [-1, 1), as 0/1 float targets for binary cross-entropy.</summary>
    public static Dataset Xor(int count, int seed)
    {
        var random = new Random(seed);
        var features = new float[count * 2];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            features[2 * i] = (float)(2 * random.NextDouble() - 1);
            features[2 * i + 1] = (float)(2 * random.NextDouble() - 1);
            targets[i] = features[2 * i] > 0 != features[2 * i + 1] > 0 ? 1 : 0;
        }
        return Dataset.FromValues(features, [2], targets, [1]);
    }
}
