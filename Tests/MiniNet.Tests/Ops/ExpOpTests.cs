using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class ExpOpTests
{
    [Test]
    public void Exp_RaisesEToEachElement()
    {
        var y = new Tensor([0.0, 1, -Math.Log(4)], 3).Exp();

        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 1, Math.E, 0.25 }).Within(1e-15));
    }

    [Test]
    public void Exp_Gradient_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Exp(), Uniform(71, -2, 2, 3, 4));
}
