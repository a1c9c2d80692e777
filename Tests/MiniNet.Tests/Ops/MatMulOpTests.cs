using MiniNet.Autodiff;
using MiniNet.Optimizers;
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

    // The backward pass writes the first gradient contribution to a matmul operand into an uncleared buffer and adds later
    // ones (the accumulator chooses the multiply's overwrite path). The tests below are float32, the blocked multiply's path; except
    // for the square matrix, a gradient product in each is cut into two half-depth products, the first of which overwrites.

    /// <summary>loss = Σ x1·W + Σ x2·W, so dloss/dW[p, j] = Σᵢ x1[i, p] + Σᵢ x2[i, p]: the second matmul's contribution is
    /// written, the first one's added to it.</summary>
    [Test]
    public void MatMul_WeightUsedByTwoMatMuls_GradientIsTheSumOfBothContributions()
    {
        var (x1, x2) = (RandomFloat32(31, 128, 8), RandomFloat32(32, 128, 8));
        var w = new Variable(RandomFloat32(33, 8, 64), "w");
        using var tape = new GradientTape();

        var loss = x1.MatMul(w).Sum() + x2.MatMul(w).Sum();
        var gradient = tape.Gradient(loss, [w])[0]!;

        double[] columnSums1 = ColumnSums(x1), columnSums2 = ColumnSums(x2);
        var expected = Enumerable.Range(0, 8 * 64).Select(i => columnSums1[i / 64] + columnSums2[i / 64]);
        Assert.That(gradient.ToArray<float>().Select(g => (double)g), Is.EqualTo(expected).Within(1e-4).AsCollection);
    }

    /// <summary>loss = Σ x·x, so dloss/dx[a, b] = Σⱼ x[b, j] + Σᵢ x[i, a]: both operands are the same tensor, so the
    /// contribution as the left operand is written and the one as the right operand added.</summary>
    [Test]
    public void MatMul_OfWatchedMatrixWithItself_GradientHasBothOperandsContributions()
    {
        var x = RandomFloat32(34, 48, 48);
        using var tape = new GradientTape();
        tape.Watch(x);

        var gradient = tape.Gradient(x.MatMul(x).Sum(), [x])[0]!;

        double[] rowSums = RowSums(x), columnSums = ColumnSums(x);
        var expected = Enumerable.Range(0, 48 * 48).Select(i => rowSums[i % 48] + columnSums[i / 48]);
        Assert.That(gradient.ToArray<float>().Select(g => (double)g), Is.EqualTo(expected).Within(1e-4).AsCollection);
    }

    /// <summary>loss = Σ x·W + Σ 2W: the backward pass reaches the multiply by 2 first, which creates W's gradient, so the
    /// matmul must add dloss/dW[p, j] = Σᵢ x[i, p] to the 2 already there instead of overwriting it.</summary>
    [Test]
    public void MatMul_OperandWhoseGradientALaterOpStarted_GradientIsAddedToIt()
    {
        var x = RandomFloat32(35, 128, 8);
        var w = new Variable(RandomFloat32(36, 8, 64), "w");
        using var tape = new GradientTape();

        var loss = x.MatMul(w).Sum() + (w * 2.0).Sum();
        var gradient = tape.Gradient(loss, [w])[0]!;

        double[] columnSums = ColumnSums(x);
        var expected = Enumerable.Range(0, 8 * 64).Select(i => columnSums[i / 64] + 2);
        Assert.That(gradient.ToArray<float>().Select(g => (double)g), Is.EqualTo(expected).Within(1e-4).AsCollection);
    }

    /// <summary>Inside a <see cref="TensorScope"/> the gradient buffers of a step are the previous step's, recycled with their
    /// values: the second of two scoped SGD steps must get exactly the gradients a fresh, unscoped pass computes.</summary>
    [Test]
    public void MatMul_SecondTrainingStepInAScope_GradientEqualsAFreshComputation()
    {
        var w = new Variable(RandomFloat32(37, 64, 128), "w");
        var optimizer = new Sgd(learningRate: 0.1);
        var (batch1, batch2) = (RandomFloat32(38, 32, 64), RandomFloat32(39, 32, 64));
        ScopedStep(batch1, w, optimizer);

        var fresh = Gradients(batch2, w);
        var (scopedW, scopedX) = ScopedStep(batch2, w, optimizer);

        Assert.That(scopedW, Is.EqualTo(fresh[0]!.ToArray<float>()).AsCollection);
        Assert.That(scopedX, Is.EqualTo(fresh[1]!.ToArray<float>()).AsCollection);
    }

    /// <summary>One SGD step on loss = Σ (x·W)² in a scope of its own; returns the gradients it applied, dloss/dW and
    /// dloss/dx.</summary>
    private static (float[] W, float[] X) ScopedStep(Tensor x, Variable w, Optimizer optimizer)
    {
        using var scope = new TensorScope();
        var gradients = Gradients(x, w);
        var applied = (gradients[0]!.ToArray<float>(), gradients[1]!.ToArray<float>());
        optimizer.ApplyGradients([(gradients[0], w)]);
        return applied;
    }

    /// <summary>dloss/dW and dloss/dx of loss = Σ (x·W)².</summary>
    private static Tensor?[] Gradients(Tensor x, Variable w)
    {
        using var tape = new GradientTape();
        tape.Watch(x);
        return tape.Gradient(x.MatMul(w).Square().Sum(), [w, x]);
    }

    private static Tensor RandomFloat32(int seed, int rows, int columns) =>
        new(Uniform(seed, -1, 1, rows, columns).ToArray<double>().Select(value => (float)value).ToArray(), rows, columns);

    private static double[] ColumnSums(Tensor matrix)
    {
        int rows = matrix.Shape[0], columns = matrix.Shape[1];
        var values = matrix.ToArray<float>();
        return Enumerable.Range(0, columns).Select(j => Enumerable.Range(0, rows).Sum(i => (double)values[i * columns + j])).ToArray();
    }

    private static double[] RowSums(Tensor matrix)
    {
        int columns = matrix.Shape[1];
        return matrix.ToArray<float>().Chunk(columns).Select(row => row.Sum(value => (double)value)).ToArray();
    }
}
