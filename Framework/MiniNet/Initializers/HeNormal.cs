using MathNet.Numerics.Distributions;

namespace MiniNet.Initializers;

/// <summary>He (Kaiming) normal: N(0, σ²) with σ = √(2 / fanIn), redrawn beyond 2σ (truncated, as Keras does).</summary>
public sealed class HeNormal : Initializer
{
    /// <inheritdoc />
    public override void Fill(Span<double> values, int fanIn, int fanOut, Random random)
    {
        RequireValid(fanIn, fanOut, random);
        // Keras divides by 0.8796 so that the truncated distribution keeps standard deviation σ.
        double sigma = Math.Sqrt(2.0 / fanIn) / 0.87962566103423978;
        for (int i = 0; i < values.Length; i++)
        {
            double value;
            do value = Normal.Sample(random, 0, sigma); while (Math.Abs(value) > 2 * sigma);
            values[i] = value;
        }
    }
}
