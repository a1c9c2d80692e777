using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class ReshapeOpTests
{
    [Test]
    public void Reshape_KeepsTheElementsInRowMajorOrder()
    {
        var x = new Tensor([1.0, 2, 3, 4, 5, 6], 2, 3);

        var y = x.Reshape(3, 2);

        Assert.That(y.Shape, Is.EqualTo(new[] { 3, 2 }));
        Assert.That(y[2, 0], Is.EqualTo(5));
        Assert.That(y.ToArray<double>(), Is.EqualTo(x.ToArray<double>()));
    }

    [Test]
    public void Reshape_WithMinusOne_InfersThatDimension()
    {
        var x = Tensor.Zeros([2, 3, 4]);

        Assert.That(x.Reshape(-1, 4).Shape, Is.EqualTo(new[] { 6, 4 }));
    }

    [Test]
    public void Reshape_Gradient_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Reshape(4, -1), Uniform(41, -1, 1, 2, 3, 4));

    [Test]
    public void Reshape_ToADifferentElementCount_ThrowsNamingBothShapes()
    {
        var x = Tensor.Zeros([2, 3]);

        Assert.That(() => x.Reshape(4, 2), Throws.ArgumentException.With.Message.EqualTo("reshape: cannot reshape (2,3) (6 elements) to (4,2)"));
    }

    [Test]
    public void Reshape_WithMinusOneThatCannotDivide_ThrowsNamingBothShapes()
    {
        var x = Tensor.Zeros([2, 3]);

        Assert.That(() => x.Reshape(4, -1), Throws.ArgumentException.With.Message.EqualTo("reshape: cannot reshape (2,3) (6 elements) to (4,-1)"));
    }

    [Test]
    public void Reshape_WithTwoMinusOnes_Throws()
    {
        var x = Tensor.Zeros([2, 3]);

        Assert.That(() => x.Reshape(-1, -1), Throws.ArgumentException.With.Message.EqualTo("reshape: cannot reshape (2,3) (6 elements) to (-1,-1): at most one -1 and no other negative dimension"));
    }
}
