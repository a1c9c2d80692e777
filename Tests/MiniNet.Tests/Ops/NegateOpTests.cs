using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class NegateOpTests
{
    [Test]
    public void Negate_FlipsTheSignOfEveryElement()
    {
        Assert.That((-new Tensor([1.0, -2, 0.5], 3)).ToArray<double>(), Is.EqualTo(new[] { -1.0, 2, -0.5 }));
    }

    [Test]
    public void Negate_Gradient_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => -x, Uniform(11, -1, 1, 3, 4));
}
