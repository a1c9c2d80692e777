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
}
