using MathNet.Numerics.Distributions;

namespace MiniNet.Initializers;

/// <summary>N(0, σ²) whatever the fans, as PyTorch's <c>nn.Embedding</c> (σ = 1) and nanoGPT's embeddings (σ = 0.02) start.</summary>
public sealed class RandomNormal : Initializer
{
    /// <summary>Draws from N(0, <paramref name="standardDeviation"/>²).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The standard deviation is not positive and finite.</exception>
    public RandomNormal(double standardDeviation = 1)
    {
        if (!(standardDeviation > 0) || double.IsInfinity(standardDeviation))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, $"RandomNormal: standardDeviation must be positive and finite, got {standardDeviation}");
        StandardDeviation = standardDeviation;
    }

    /// <summary>σ, the spread of the values drawn.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc />
    public override void Fill(Span<double> values, int fanIn, int fanOut, Random random)
    {
        RequireValid(fanIn, fanOut, random);
        for (int i = 0; i < values.Length; i++) values[i] = Normal.Sample(random, 0, StandardDeviation);
    }
}
