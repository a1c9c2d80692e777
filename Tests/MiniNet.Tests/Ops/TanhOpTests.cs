using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class TanhOpTests
{
    [Test]
    public void Tanh_MapsZeroToZeroAndLogTwoToThreeFifths()
    {
        // tanh(ln 2) = (2 - 1/2) / (2 + 1/2) = 3/5.
        var y = new Tensor([0.0, Math.Log(2), -Math.Log(2)], 3).Tanh();

        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 0, 0.6, -0.6 }).Within(1e-15));
    }

    [Test]
    public void Tanh_Gradient_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Tanh(), Uniform(77, -2, 2, 3, 4));
}
