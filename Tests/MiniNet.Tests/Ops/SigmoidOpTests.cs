using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class SigmoidOpTests
{
    [Test]
    public void Sigmoid_MapsZeroToHalfAndLogThreeToThreeQuarters()
    {
        // σ(ln 3) = 1 / (1 + 1/3) = 3/4; σ(-ln 3) = 1/4.
        var y = new Tensor([0.0, Math.Log(3), -Math.Log(3)], 3).Sigmoid();

        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 0.5, 0.75, 0.25 }).Within(1e-15));
    }

    [Test]
    public void Sigmoid_Gradient_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Sigmoid(), Uniform(76, -3, 3, 3, 4));

    [Test]
    public void Sigmoid_EmptyTensor_GivesAnEmptyTensorOfTheSameShape()
    {
        var y = Tensor.Zeros([3, 0]).Sigmoid();

        Assert.That(y.Shape, Is.EqualTo(new[] { 3, 0 }));
    }
}
