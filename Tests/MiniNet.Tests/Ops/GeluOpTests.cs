using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class GeluOpTests
{
    /// <summary>x·Φ(x) with Φ(1) = 0.841344746068543, Φ(-2) = 0.022750131948179 (tables of the normal distribution);
    /// the tanh form at 1: ½(1 + tanh(√(2/π)·1.044715)) = 0.841191990608276.</summary>
    [Test]
    public void Apply_MatchesTheNormalDistributionFunction()
    {
        var x = new Tensor([1.0, -2, 0], 3);

        Assert.That(x.Gelu().ToArray<double>(), Is.EqualTo(new[] { 0.841344746068543, -2 * 0.022750131948179, 0 }).Within(1e-12));
        Assert.That(x.Gelu(approximate: true).ToArray<double>()[0], Is.EqualTo(0.841191990608276).Within(1e-12));
    }

    /// <summary>float32 computes Φ with Abramowitz and Stegun's approximation: within float32's rounding of float64's erf.</summary>
    [TestCase(false)]
    [TestCase(true)]
    public void Apply_Float32_AgreesWithFloat64(bool approximate)
    {
        var x = Uniform(1, -6, 6, 1000);

        var single = x.To(DType.Float32).Gelu(approximate).ToArray<float>();
        var exact = x.Gelu(approximate).ToArray<double>();

        for (int i = 0; i < exact.Length; i++) Assert.That(single[i], Is.EqualTo(exact[i]).Within(1e-6 * Math.Max(1, Math.Abs(exact[i]))));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Apply_GradientMatchesFiniteDifferences(bool approximate) =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Gelu(approximate), Uniform(2, -4, 4, 3, 7));

    [TestCase(FusibleActivation.Gelu)]
    [TestCase(FusibleActivation.GeluTanh)]
    public void BiasActivation_Gelu_GradientMatchesFiniteDifferences(FusibleActivation activation)
    {
        var x = Uniform(3, -3, 3, 2, 3, 4);
        var bias = Uniform(4, -1, 1, 4);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => BiasActivationOp.Apply(inputs[0], inputs[1], activation), x, bias);
    }

    [TestCase(FusibleActivation.Gelu, false)]
    [TestCase(FusibleActivation.GeluTanh, true)]
    public void BiasActivation_Gelu_EqualsAddThenGelu(FusibleActivation activation, bool approximate)
    {
        var x = Uniform(5, -3, 3, 4, 6).To(DType.Float32);
        var bias = Uniform(6, -1, 1, 6).To(DType.Float32);

        Assert.That(BiasActivationOp.Apply(x, bias, activation).ToArray<float>(), Is.EqualTo((x + bias).Gelu(approximate).ToArray<float>()));
    }
}
