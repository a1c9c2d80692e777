using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class TransposeOpTests
{
    [Test]
    public void Transpose_Matrix_SwapsRowsAndColumns()
    {
        var matrix = new Tensor([1.0, 2, 3, 4, 5, 6], 2, 3);

        var transposed = matrix.Transpose();

        Assert.That(transposed.Shape, Is.EqualTo(new[] { 3, 2 }));
        Assert.That(transposed.ToArray<double>(), Is.EqualTo(new[] { 1.0, 4, 2, 5, 3, 6 }));
    }

    [Test]
    public void Transpose_Rank3Permutation_MovesEachElementToItsPermutedIndex()
    {
        // x[a,b,c] = 12a + 4b + c; with axes (1,2,0), output dimension d is input dimension axes[d], so y[i,j,k] = x[k,i,j].
        var x = new Tensor(Enumerable.Range(0, 24).Select(v => (double)v).ToArray(), 2, 3, 4);

        var y = x.Transpose(1, 2, 0);

        Assert.That(y.Shape, Is.EqualTo(new[] { 3, 4, 2 }));
        for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
        for (int k = 0; k < 2; k++)
            Assert.That(y[i, j, k], Is.EqualTo(12 * k + 4 * i + j), $"y[{i},{j},{k}]");
    }

    [Test]
    public void Transpose_Rank3WithoutAxes_ReversesTheAxes()
    {
        var x = new Tensor(Enumerable.Range(0, 24).Select(v => (double)v).ToArray(), 2, 3, 4);

        var y = x.Transpose();

        Assert.That(y.Shape, Is.EqualTo(new[] { 4, 3, 2 }));
        Assert.That(y[3, 1, 0], Is.EqualTo(x[0, 1, 3]));
        Assert.That(y[2, 2, 1], Is.EqualTo(x[1, 2, 2]));
    }

    [Test]
    public void Transpose_Matrix_GradientMatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Transpose(), Uniform(31, -1, 1, 3, 5));

    [TestCase(1, 2, 0)]
    [TestCase(2, 0, 1)]
    [TestCase(0, 2, 1)]
    public void Transpose_Rank3Permutation_GradientMatchesFiniteDifferences(int first, int second, int third) =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Transpose(first, second, third), Uniform(32, -1, 1, 2, 3, 4));

    [Test]
    public void Transpose_AxesThatAreNotAPermutation_ThrowNamingTheOpAxesAndShape()
    {
        var x = Tensor.Zeros([2, 3]);

        Assert.That(() => x.Transpose(0, 0), Throws.ArgumentException.With.Message.EqualTo("transpose: axes (0,0) are not a permutation of the 2 axes of (2,3)"));
    }
}
