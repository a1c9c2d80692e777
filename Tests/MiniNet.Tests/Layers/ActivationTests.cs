using MiniNet.Layers;
using MiniNet.Tensors;

namespace MiniNet.Tests.Layers;

public class ActivationTests
{
    [Test]
    public void FromName_UnknownName_ThrowsListingTheKnownNames()
    {
        Assert.That(() => Activation.FromName("nope"), Throws.ArgumentException
            .With.Message.StartsWith("activation: unknown name 'nope'; known: linear, relu, sigmoid, tanh, softmax"));
    }

    [TestCase("linear")]
    [TestCase("relu")]
    [TestCase("sigmoid")]
    [TestCase("tanh")]
    [TestCase("softmax")]
    public void FromName_KnownName_ReturnsTheActivationWithThatName(string name)
    {
        Assert.That(Activation.FromName(name).Name, Is.EqualTo(name));
    }

    [Test]
    public void FromName_IgnoresCase()
    {
        Assert.That(Activation.FromName("ReLU"), Is.SameAs(Activation.Relu));
    }

    [Test]
    public void Relu_Apply_ZeroesNegatives()
    {
        Assert.That(Activation.Relu.Apply(new Tensor([-1.0, 2], 2)).ToArray<double>(), Is.EqualTo(new[] { 0.0, 2 }));
    }

    [Test]
    public void Linear_Apply_ReturnsTheInputUnchanged()
    {
        var x = new Tensor([-1.0, 2], 2);

        Assert.That(Activation.Linear.Apply(x), Is.SameAs(x));
    }

    [Test]
    public void Softmax_Apply_NormalisesEachRow()
    {
        var y = Activation.Softmax.Apply(new Tensor([0.0, Math.Log(3), 5, 5], 2, 2));

        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 0.25, 0.75, 0.5, 0.5 }).Within(1e-15));
    }
}
