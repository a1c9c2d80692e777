using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class MatMulOpTests
{
    [Test]
    public void MatMul_TwoByThreeTimesThreeByTwo_GivesTheRowByColumnDotProducts()
    {
        var a = new Tensor([1.0, 2, 3, 4, 5, 6], 2, 3);
        var b = new Tensor([7.0, 8, 9, 10, 11, 12], 3, 2);

        var product = a.MatMul(b);

        // [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12]
        Assert.That(product.Shape, Is.EqualTo(new[] { 2, 2 }));
        Assert.That(product.ToArray<double>(), Is.EqualTo(new[] { 58.0, 64, 139, 154 }));
    }

    [TestCase(3, 4, 5)]
    [TestCase(1, 3, 1)]
    [TestCase(5, 1, 2)]
    public void MatMul_Gradient_MatchesFiniteDifferences(int m, int k, int n) =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x[0].MatMul(x[1]), Uniform(21, -1, 1, m, k), Uniform(22, -1, 1, k, n));

    [Test]
    public void MatMul_OfAMatrixWithItself_GradientMatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.MatMul(x), Uniform(23, -1, 1, 3, 3));

    [Test]
    public void MatMul_InnerDimensionsDiffer_ThrowsNamingTheOpAndBothShapes()
    {
        var a = Tensor.Zeros([32, 784]);
        var b = Tensor.Zeros([128, 10]);

        Assert.That(() => a.MatMul(b), Throws.ArgumentException.With.Message.EqualTo("matmul: (32,784) x (128,10): inner dimensions 784 and 128 differ"));
    }

    [Test]
    public void MatMul_OperandNotRank2_ThrowsNamingTheOpAndBothShapes()
    {
        var a = Tensor.Zeros([3]);
        var b = Tensor.Zeros([3, 2]);

        Assert.That(() => a.MatMul(b), Throws.ArgumentException.With.Message.EqualTo("matmul: (3) x (3,2): both operands must be rank 2"));
    }
}
