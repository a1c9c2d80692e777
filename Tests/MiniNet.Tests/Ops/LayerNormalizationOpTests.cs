using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class LayerNormalizationOpTests
{
    /// <summary>Row (1, 2, 3): mean 2, biased variance 2/3, so x̂ = (-1, 0, 1)/√(2/3 + ε); row (4, 4, 4) has variance 0 and
    /// normalises to zeros (the ε keeps it finite), then γ and β act per column.</summary>
    [Test]
    public void Apply_NormalisesEachRowThenScalesAndShifts()
    {
        var x = new Tensor([1.0, 2, 3, 4, 4, 4], 2, 3);
        var gamma = new Tensor([1.0, 2, 3], 3);
        var beta = new Tensor([0.5, 0, -0.5], 3);

        var y = LayerNormalizationOp.Apply(x, gamma, beta);

        double unit = 1 / Math.Sqrt(2.0 / 3 + 1e-5);
        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 0.5 - unit, 0, -0.5 + 3 * unit, 0.5, 0, -0.5 }).Within(1e-12));
    }

    [Test]
    public void Apply_Sequence_GradientMatchesFiniteDifferences()
    {
        var x = Uniform(1, -2, 2, 2, 3, 5);
        var gamma = Uniform(2, 0.5, 1.5, 5);
        var beta = Uniform(3, -0.5, 0.5, 5);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => LayerNormalizationOp.Apply(inputs[0], inputs[1], inputs[2]), x, gamma, beta);
    }

    [Test]
    public void Apply_GammaOfAnotherWidth_NamesTheShapes()
    {
        var x = Uniform(4, -1, 1, 2, 3);

        Assert.That(() => LayerNormalizationOp.Apply(x, Tensor.Ones([4], DType.Float64), Tensor.Zeros([3], DType.Float64)),
            Throws.ArgumentException.With.Message.EqualTo("layer_norm: x (2,3), gamma (4), beta (3): gamma and beta must be vectors as long as the last dimension of x"));
    }
}
