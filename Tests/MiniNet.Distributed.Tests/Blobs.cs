using MiniNet.Data;

namespace MiniNet.Distributed.Tests;

/// <summary>Small classification data for training tests, the same in every process that asks for it.</summary>
internal static class Blobs
{
    /// <summary><paramref name="count"/> examples of 8 features in 3 classes: class c is centred at 2c on every feature, with
    /// uniform noise of width 3, so that the classes overlap and training has something left to learn.</summary>
    public static Dataset Make(int count, int seed)
    {
        var random = new Random(seed);
        var features = new float[count * 8];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = random.Next(3);
            for (int j = 0; j < 8; j++) features[8 * i + j] = (float)(2 * labels[i] + 3 * (random.NextDouble() - 0.5));
        }
        return new Dataset(features, labels, featureCount: 8);
    }
}
