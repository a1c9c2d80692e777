using MathNet.Numerics.Distributions;

namespace MiniNet.Initializers;

/// <summary>He (Kaiming) uniform: U(-l, l) with l = √(6 / fanIn), suited to ReLU layers.</summary>
public sealed class HeUniform : Initializer
{
    /// <inheritdoc />
    public override void Fill(Span<double> values, int fanIn, int fanOut, Random random)
    {
        RequireValid(fanIn, fanOut, random);
        double limit = Math.Sqrt(6.0 / fanIn);
        for (int i = 0; i < values.Length; i++) values[i] = ContinuousUniform.Sample(random, -limit, limit);
    }
}
