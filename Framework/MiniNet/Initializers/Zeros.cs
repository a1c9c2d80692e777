namespace MiniNet.Initializers;

/// <summary>All zeros: Keras's default for biases.</summary>
public sealed class Zeros : Initializer
{
    /// <inheritdoc />
    public override void Fill(Span<double> values, int fanIn, int fanOut, Random random)
    {
        RequireValid(fanIn, fanOut, random);
        values.Clear();
    }
}
