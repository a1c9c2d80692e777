using MiniNet.Autodiff;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class ReluOpTests
{
    [Test]
    public void Relu_ZeroesNegativesAndKeepsPositives()
    {
        Assert.That(new Tensor([-2.0, -0.5, 0, 0.5, 3], 5).Relu().ToArray<double>(), Is.EqualTo(new[] { 0.0, 0, 0, 0.5, 3 }));
    }

    [Test]
    public void Relu_Gradient_MatchesFiniteDifferencesAwayFromZero() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Relu(), AwayFromZero(75, 0.1, 2, 3, 4));

    [Test]
    public void Relu_GradientAtZero_IsZero()
    {
        var x = new Tensor([0.0, 1], 2);
        using var tape = new GradientTape();
        tape.Watch(x);

        var gradient = tape.Gradient(x.Relu(), [x])[0]!;

        Assert.That(gradient.ToArray<double>(), Is.EqualTo(new[] { 0.0, 1 }));
    }
}
