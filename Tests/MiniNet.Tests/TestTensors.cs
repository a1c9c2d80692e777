using MiniNet.Tensors;

namespace MiniNet.Tests;

/// <summary>Reproducible float64 test inputs.</summary>
internal static class TestTensors
{
    /// <summary>Values drawn uniformly from [<paramref name="low"/>, <paramref name="high"/>) by a generator seeded with <paramref name="seed"/>.</summary>
    public static Tensor Uniform(int seed, double low, double high, params int[] shape)
    {
        var random = new Random(seed);
        var values = new double[ShapeMath.ElementCount(shape)];
        for (int i = 0; i < values.Length; i++) values[i] = low + (high - low) * random.NextDouble();
        return new Tensor(values, shape);
    }

    /// <summary>Values whose magnitude lies in [<paramref name="minMagnitude"/>, <paramref name="maxMagnitude"/>) with a random
    /// sign: for functions with a kink or a pole at zero.</summary>
    public static Tensor AwayFromZero(int seed, double minMagnitude, double maxMagnitude, params int[] shape)
    {
        var random = new Random(seed);
        var values = new double[ShapeMath.ElementCount(shape)];
        for (int i = 0; i < values.Length; i++)
        {
            double magnitude = minMagnitude + (maxMagnitude - minMagnitude) * random.NextDouble();
            values[i] = random.Next(2) == 0 ? magnitude : -magnitude;
        }
        return new Tensor(values, shape);
    }

    /// <summary>Distinct values 0.1 apart, in shuffled order: no two are within a finite-difference step of each other, so
    /// every maximum is unique.</summary>
    public static Tensor Distinct(int seed, params int[] shape)
    {
        int count = ShapeMath.ElementCount(shape);
        var values = Enumerable.Range(0, count).Select(i => 0.1 * i - 0.05 * count).ToArray();
        new Random(seed).Shuffle(values);
        return new Tensor(values, shape);
    }
}
