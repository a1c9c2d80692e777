using MiniNet.Tensors;

namespace MiniNet.Tests.Tensors;

public class ShapeMathTests
{
    [TestCase(new[] { 3, 4 }, new[] { 4 }, new[] { 3, 4 })]
    [TestCase(new[] { 3, 1 }, new[] { 1, 4 }, new[] { 3, 4 })]
    [TestCase(new int[0], new[] { 2, 3 }, new[] { 2, 3 })]
    [TestCase(new[] { 2, 1, 4 }, new[] { 3, 1 }, new[] { 2, 3, 4 })]
    public void Broadcast_AlignsFromTheRightAndStretchesOnes(int[] a, int[] b, int[] expected)
    {
        Assert.That(ShapeMath.Broadcast("add", a, b), Is.EqualTo(expected));
    }

    [Test]
    public void Format_OfAScalar_IsEmptyParentheses()
    {
        Assert.That(ShapeMath.Format([]), Is.EqualTo("()"));
    }

    [TestCase(-1, 3, 2)]
    [TestCase(0, 3, 0)]
    [TestCase(-3, 3, 0)]
    public void NormalizeAxis_CountsNegativeAxesFromTheEnd(int axis, int rank, int expected)
    {
        Assert.That(ShapeMath.NormalizeAxis("sum", axis, rank), Is.EqualTo(expected));
    }
}
