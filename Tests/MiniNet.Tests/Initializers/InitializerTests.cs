using MiniNet.Initializers;

namespace MiniNet.Tests.Initializers;

/// <summary>What every <see cref="Initializer"/> checks before it draws.</summary>
public class InitializerTests
{
    private static IEnumerable<Initializer> All() => [new GlorotUniform(), new HeUniform(), new HeNormal(), new Zeros()];

    [TestCaseSource(nameof(All))]
    public void Fill_ZeroFanIn_ThrowsNamingTheValueInsteadOfDrawingInfinities(Initializer initializer)
    {
        Assert.That(() => initializer.Fill(new double[4], fanIn: 0, fanOut: 4, new Random(1)),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("fanIn")
                .And.Message.StartsWith($"{initializer.GetType().Name}: fanIn must be positive, got 0"));
    }

    [TestCaseSource(nameof(All))]
    public void Fill_NegativeFanOut_ThrowsNamingTheValue(Initializer initializer)
    {
        Assert.That(() => initializer.Fill(new double[4], fanIn: 4, fanOut: -1, new Random(1)),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("fanOut"));
    }

    [TestCaseSource(nameof(All))]
    public void Fill_NullGenerator_ThrowsArgumentNull(Initializer initializer)
    {
        Assert.That(() => initializer.Fill(new double[4], 4, 4, null!), Throws.ArgumentNullException);
    }
}
