using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class SqrtOpTests
{
    [Test]
    public void Sqrt_TakesTheSquareRootOfEachElement()
    {
        Assert.That(new Tensor([4.0, 9, 0.25], 3).Sqrt().ToArray<double>(), Is.EqualTo(new[] { 2.0, 3, 0.5 }));
    }

    [Test]
    public void Sqrt_Gradient_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Sqrt(), Uniform(74, 0.5, 3, 3, 4));
}
