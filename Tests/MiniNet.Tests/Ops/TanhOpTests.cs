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

    [Test]
    public void Tanh_Float32NearZero_HasASmallRelativeErrorAndTheRightSign()
    {
        float[] x = [0f, -0f, 1e-20f, 1e-6f, -1e-6f, 1e-4f, 0.01f, 0.05f];

        float[] y = new Tensor(x, x.Length).Tanh().ToArray<float>();

        for (int i = 0; i < x.Length; i++)
            Assert.That(y[i], Is.EqualTo(Math.Tanh(x[i])).Within(2e-7 * Math.Abs(Math.Tanh(x[i]))), $"tanh({x[i]})");
        Assert.That(float.IsNegative(y[1]) && !float.IsNegative(y[0]), "tanh(-0) = -0 and tanh(0) = +0");
    }
}
