namespace MiniNet.Initializers;

/// <summary>Chooses the starting values of a weight tensor from its fan-in and fan-out, drawing from a seeded generator so
/// the same seed gives the same weights on every run.</summary>
public abstract class Initializer
{
    /// <summary>Fills <paramref name="values"/> (a weight of <paramref name="fanIn"/> inputs and <paramref name="fanOut"/> outputs).</summary>
    public abstract void Fill(Span<double> values, int fanIn, int fanOut, Random random);
}
