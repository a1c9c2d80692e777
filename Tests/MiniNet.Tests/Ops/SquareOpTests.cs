using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class SquareOpTests
{
    [Test]
    public void Square_MultipliesEachElementByItself()
    {
        Assert.That(new Tensor([-3.0, 0.5, 0], 3).Square().ToArray<double>(), Is.EqualTo(new[] { 9.0, 0.25, 0 }));
    }

    [Test]
    public void Square_Gradient_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Square(), Uniform(73, -2, 2, 3, 4));
}
