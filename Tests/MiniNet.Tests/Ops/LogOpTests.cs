using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class LogOpTests
{
    [Test]
    public void Log_TakesTheNaturalLogarithmOfEachElement()
    {
        var y = new Tensor([1.0, Math.E, 0.5], 3).Log();

        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 0, 1, -0.69314718055994531 }).Within(1e-15));
    }

    [Test]
    public void Log_Gradient_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Log(), Uniform(72, 0.5, 2, 3, 4));
}
