using MiniNet.Autodiff;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

/// <summary>Ops whose kernels split a large pass across threads give the same bits, forward and backward, on one, two
/// and three threads (sizes chosen large enough to be split).</summary>
public class ThreadCountTests
{
    /// <summary>The output and the input's gradient of op(x), with a random weight on each output so the gradient differs
    /// per element.</summary>
    private static double[][] ForwardBackward(int threads, Tensor x, Func<Tensor, Tensor> op) => EngineThreads.Run(threads, () =>
    {
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = op(x);
        var loss = (y * Uniform(99, -1, 1, y.ShapeArray)).Sum();
        return new[] { y.ToArray<double>(), tape.Gradient(loss, [x])[0]!.ToArray<double>() };
    });

    private static void AssertSameBitsOnAnyThreadCount(Tensor x, Func<Tensor, Tensor> op)
    {
        var one = ForwardBackward(1, x, op);
        foreach (int threads in new[] { 2, 3 })
        {
            var many = ForwardBackward(threads, x, op);
            Assert.That(many[0], Is.EqualTo(one[0]).AsCollection, $"output on {threads} threads");
            Assert.That(many[1], Is.EqualTo(one[1]).AsCollection, $"gradient on {threads} threads");
        }
    }

    [Test]
    public void SplitHeads_SameBitsOnAnyThreadCount() =>
        AssertSameBitsOnAnyThreadCount(Uniform(1, -1, 1, 9, 64, 96), x => SplitHeadsOp.Apply(x, heads: 4, part: 1, parts: 3));

    [Test]
    public void MergeHeads_SameBitsOnAnyThreadCount() =>
        AssertSameBitsOnAnyThreadCount(Uniform(2, -1, 1, 9, 4, 64, 8), MergeHeadsOp.Apply);

    /// <summary>Residual, bias and position-table adds: the output, and the gradients summed back to each operand's shape.</summary>
    [TestCase(new[] { 9, 64, 72 })]
    [TestCase(new[] { 72 })]
    [TestCase(new[] { 64, 72 })]
    public void Add_SameBitsOnAnyThreadCount(int[] operandShape)
    {
        var operand = Uniform(3, -1, 1, operandShape);
        AssertSameBitsOnAnyThreadCount(Uniform(4, -1, 1, 9, 64, 72), x => x + operand);
        AssertSameBitsOnAnyThreadCount(operand, b => Uniform(4, -1, 1, 9, 64, 72) + b);
    }

    /// <summary>The convnet's flatten, (64, 5, 5, 64) to (64, 1600): a copy forward and an add backward, in ranges.</summary>
    [Test]
    public void Reshape_SameBitsOnAnyThreadCount() =>
        AssertSameBitsOnAnyThreadCount(Uniform(10, -1, 1, 64, 5, 5, 64), x => ReshapeOp.Apply(x, [64, -1]));

    /// <summary>(9, 64, 65) logits, some rows labelled with the ignore index.</summary>
    [Test]
    public void SoftmaxCrossEntropy_SameBitsOnAnyThreadCount()
    {
        var random = new Random(5);
        int[] targets = [.. Enumerable.Range(0, 9 * 64).Select(_ => random.Next(-1, 65))];
        var labels = new ClassLabels(targets, [9, 64], classCount: 65, ignoreIndex: -1);
        AssertSameBitsOnAnyThreadCount(Uniform(6, -4, 4, 9, 64, 65), z => SoftmaxCrossEntropyOp.Apply(z, labels));
    }

    /// <summary>A small batch's ten logits a row, 64 and 128 rows: few elements, but exponentials enough to be split.</summary>
    [TestCase(64)]
    [TestCase(128)]
    public void SoftmaxCrossEntropy_SmallBatch_SameBitsOnAnyThreadCount(int rows)
    {
        var labels = new ClassLabels([.. Enumerable.Range(0, rows).Select(row => row * 7 % 10)], [rows], classCount: 10);
        AssertSameBitsOnAnyThreadCount(Uniform(11, -4, 4, rows, 10), z => SoftmaxCrossEntropyOp.Apply(z, labels));
    }

    /// <summary>Scores q·kᵀ over (9, 4) heads of 64×16: nine-by-four products shared out in bands, forward and both gradients.</summary>
    [Test]
    public void BatchedMatMul_SameBitsOnAnyThreadCount()
    {
        var k = Uniform(8, -1, 1, 9, 4, 64, 16);
        AssertSameBitsOnAnyThreadCount(Uniform(7, -1, 1, 9, 4, 64, 16), q => BatchedMatMulOp.Apply(q, k, transposeB: true));
        AssertSameBitsOnAnyThreadCount(k, key => BatchedMatMulOp.Apply(Uniform(7, -1, 1, 9, 4, 64, 16), key, transposeB: true));
    }

    /// <summary>Causal attention's two products (tril(q·kᵀ), tril(weights)·v), forward and the gradient of each operand.</summary>
    [Test]
    public void BatchedMatMul_Causal_SameBitsOnAnyThreadCount()
    {
        var k = Uniform(8, -1, 1, 9, 4, 64, 16);
        var weights = Uniform(9, 0, 1, 9, 4, 64, 64);
        AssertSameBitsOnAnyThreadCount(Uniform(7, -1, 1, 9, 4, 64, 16), q => BatchedMatMulOp.Apply(q, k, transposeB: true, causal: true));
        AssertSameBitsOnAnyThreadCount(k, key => BatchedMatMulOp.Apply(Uniform(7, -1, 1, 9, 4, 64, 16), key, transposeB: true, causal: true));
        AssertSameBitsOnAnyThreadCount(weights, w => BatchedMatMulOp.Apply(w, k, causal: true));
        AssertSameBitsOnAnyThreadCount(k, v => BatchedMatMulOp.Apply(weights, v, causal: true));
    }
}
