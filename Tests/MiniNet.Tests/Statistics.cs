namespace MiniNet.Tests;

/// <summary>Sample statistics for tests of random initialisers.</summary>
internal static class Statistics
{
    public static double Mean(double[] values) => values.Average();

    /// <summary>The population standard deviation √(Σ (v - mean)² / n).</summary>
    public static double StandardDeviation(double[] values)
    {
        double mean = Mean(values);
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
