using MiniNet.Tensors;

namespace MiniNet.Initializers;

/// <summary>Chooses the starting values of a weight tensor from its fan-in and fan-out, drawing from a seeded generator so
/// the same seed gives the same weights on every run.</summary>
public abstract class Initializer
{
    /// <summary>Fills <paramref name="values"/> (a weight of <paramref name="fanIn"/> inputs and <paramref name="fanOut"/> outputs).</summary>
    /// <exception cref="ArgumentException">fanIn or fanOut is not positive (the scale would be infinite), or random is null.</exception>
    public abstract void Fill(Span<double> values, int fanIn, int fanOut, Random random);

    /// <summary>A new tensor of <paramref name="shape"/> and <paramref name="dtype"/> filled by <see cref="Fill"/> (drawn in
    /// float64, then converted), for a layer's weight of <paramref name="fanIn"/> inputs and <paramref name="fanOut"/> outputs.</summary>
    /// <exception cref="ArgumentException">As <see cref="Fill"/>.</exception>
    public Tensor Create(int[] shape, int fanIn, int fanOut, Random random, DType dtype)
    {
        var values = new double[ShapeMath.ElementCount(shape)];
        Fill(values, fanIn, fanOut, random);
        var tensor = new Tensor(values, shape);
        return dtype == DType.Float64 ? tensor : tensor.To(dtype);
    }

    /// <summary>Throws unless the fans are positive and a generator is given; every <see cref="Fill"/> starts with it.</summary>
    protected void RequireValid(int fanIn, int fanOut, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (fanIn <= 0) throw new ArgumentOutOfRangeException(nameof(fanIn), fanIn, $"{GetType().Name}: fanIn must be positive, got {fanIn}");
        if (fanOut <= 0) throw new ArgumentOutOfRangeException(nameof(fanOut), fanOut, $"{GetType().Name}: fanOut must be positive, got {fanOut}");
    }
}
