using MathNet.Numerics.Distributions;

namespace MiniNet.Initializers;

/// <summary>Glorot (Xavier) uniform: U(-l, l) with l = √(6 / (fanIn + fanOut)). Keras's default for Dense kernels.</summary>
public sealed class GlorotUniform : Initializer
{
    /// <inheritdoc />
    public override void Fill(Span<double> values, int fanIn, int fanOut, Random random)
    {
        RequireValid(fanIn, fanOut, random);
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < values.Length; i++) values[i] = ContinuousUniform.Sample(random, -limit, limit);
    }
}
