using MiniNet.Autodiff;
using MiniNet.Kernels;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class BatchedMatMulOpTests
{
    /// <summary>C[i] = A[i]·op(B[i]) by the definition, three nested loops per product, in float64.</summary>
    private static double[] Naive(Tensor a, Tensor b, bool transposeB, bool sharedB)
    {
        int m = a.Shape[^2], k = a.Shape[^1], n = transposeB ? b.Shape[^2] : b.Shape[^1];
        int batch = a.Length / (m * k);
        double[] x = a.ToArray<double>(), y = b.ToArray<double>(), c = new double[batch * m * n];
        for (int s = 0; s < batch; s++)
        for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int p = 0; p < k; p++)
            {
                int bOffset = sharedB ? 0 : s * k * n;
                sum += x[s * m * k + i * k + p] * y[bOffset + (transposeB ? j * k + p : p * n + j)];
            }
            c[s * m * n + i * n + j] = sum;
        }
        return c;
    }

    [Test]
    public void MatMul_Rank3_MultipliesEachMatrixOfTheStack()
    {
        var a = Uniform(1, -1, 1, 2, 3, 4);
        var b = Uniform(2, -1, 1, 2, 4, 5);

        var c = a.MatMul(b);

        Assert.That(c.Shape, Is.EqualTo(new[] { 2, 3, 5 }));
        Assert.That(c.ToArray<double>(), Is.EqualTo(Naive(a, b, false, false)).Within(1e-12));
    }

    [Test]
    public void Apply_Rank4TransposedB_IsQueriesTimesKeysTransposed()
    {
        var q = Uniform(3, -1, 1, 2, 3, 5, 4);   // (batch, heads, time, head width)
        var k = Uniform(4, -1, 1, 2, 3, 6, 4);

        var scores = BatchedMatMulOp.Apply(q, k, transposeB: true);

        Assert.That(scores.Shape, Is.EqualTo(new[] { 2, 3, 5, 6 }));
        Assert.That(scores.ToArray<double>(), Is.EqualTo(Naive(q, k, true, false)).Within(1e-12));
    }

    [Test]
    public void MatMul_Rank3ByMatrix_AppliesTheMatrixToEveryPosition()
    {
        var x = Uniform(5, -1, 1, 2, 3, 4);
        var w = Uniform(6, -1, 1, 4, 5);

        var y = x.MatMul(w);

        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 3, 5 }));
        Assert.That(y.ToArray<double>(), Is.EqualTo(Naive(x, w, false, true)).Within(1e-12));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Apply_Rank3_GradientMatchesFiniteDifferences(bool transposeB)
    {
        var a = Uniform(7, -1, 1, 2, 3, 4);
        var b = transposeB ? Uniform(8, -1, 1, 2, 5, 4) : Uniform(8, -1, 1, 2, 4, 5);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => BatchedMatMulOp.Apply(inputs[0], inputs[1], transposeB), a, b);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Apply_Rank4_GradientMatchesFiniteDifferences(bool transposeB)
    {
        var a = Uniform(9, -1, 1, 2, 2, 3, 4);
        var b = transposeB ? Uniform(10, -1, 1, 2, 2, 3, 4) : Uniform(10, -1, 1, 2, 2, 4, 3);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => BatchedMatMulOp.Apply(inputs[0], inputs[1], transposeB), a, b);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Apply_SharedMatrix_GradientMatchesFiniteDifferences(bool transposeB)
    {
        var x = Uniform(11, -1, 1, 2, 3, 4);
        var w = transposeB ? Uniform(12, -1, 1, 5, 4) : Uniform(12, -1, 1, 4, 5);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => BatchedMatMulOp.Apply(inputs[0], inputs[1], transposeB), x, w);
    }

    [Test]
    public void Apply_SameInputTwice_GradientMatchesFiniteDifferences()
    {
        var x = Uniform(13, -1, 1, 2, 3, 4);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => BatchedMatMulOp.Apply(inputs[0], inputs[0], transposeB: true), x);
    }

    /// <summary>Attention's shape, float32: each product of the stack is the GEMM's own result for that matrix, bit for bit,
    /// whichever thread ran it (the stack is shared out across threads above 2¹⁶ multiply-adds).</summary>
    [Test]
    public void Apply_Float32_BitIdenticalToOneGemmPerMatrix()
    {
        var q = Uniform(14, -1, 1, 3, 4, 64, 32).To(DType.Float32);
        var k = Uniform(15, -1, 1, 3, 4, 64, 32).To(DType.Float32);

        var scores = BatchedMatMulOp.Apply(q, k, transposeB: true).ToArray<float>();

        var expected = new float[scores.Length];
        for (int s = 0; s < 12; s++)
            MatMulKernels.Multiply<float>(q.AsSpan<float>().Slice(s * 64 * 32, 64 * 32), k.AsSpan<float>().Slice(s * 64 * 32, 64 * 32),
                expected.AsSpan(s * 64 * 64, 64 * 64), 64, 32, 64, transposeB: true);
        Assert.That(scores, Is.EqualTo(expected));
        Assert.That(scores.Select(v => (double)v), Is.EqualTo(Naive(q.To(DType.Float64), k.To(DType.Float64), true, false)).Within(1e-4));
    }

    [Test]
    public void Apply_LeadingDimensionsDiffer_NamesBothShapes()
    {
        var a = Uniform(16, -1, 1, 2, 3, 4);
        var b = Uniform(17, -1, 1, 3, 4, 5);

        Assert.That(() => a.MatMul(b), Throws.ArgumentException.With.Message.EqualTo(
            "matmul: (2,3,4) x (3,4,5): the leading (batch) dimensions differ; B must share them or be rank 2"));
    }

    [Test]
    public void Apply_InnerDimensionsDiffer_NamesBothShapes()
    {
        var q = Uniform(18, -1, 1, 2, 3, 4);
        var k = Uniform(19, -1, 1, 2, 3, 5);

        Assert.That(() => BatchedMatMulOp.Apply(q, k, transposeB: true), Throws.ArgumentException.With.Message.EqualTo(
            "matmul: (2,3,4) x (2,3,5)ᵀ: inner dimensions 4 and 5 differ"));
    }

    /// <summary>Causal scores are the lower triangle of q·kᵀ, zero above: the full product's bits where kept.</summary>
    [Test]
    public void Apply_CausalScores_LowerTriangleOfTheFullProduct()
    {
        var q = Uniform(20, -1, 1, 2, 3, 64, 32).To(DType.Float32);
        var k = Uniform(21, -1, 1, 2, 3, 64, 32).To(DType.Float32);

        float[] causal = BatchedMatMulOp.Apply(q, k, transposeB: true, causal: true).ToArray<float>();
        float[] full = BatchedMatMulOp.Apply(q, k, transposeB: true).ToArray<float>();

        for (int s = 0; s < 6; s++)
        for (int i = 0; i < 64; i++)
        for (int j = i + 1; j < 64; j++) full[s * 4096 + i * 64 + j] = 0f;
        Assert.That(causal, Is.EqualTo(full).AsCollection);
    }

    /// <summary>tril(q·kᵀ) and tril(weights)·v: the gradients of the triangles' definitions, float64 (a weight above the
    /// diagonal changes nothing, so its gradient is zero).</summary>
    [TestCase(true)]
    [TestCase(false)]
    public void Apply_Causal_GradientMatchesFiniteDifferences(bool transposeB)
    {
        var a = Uniform(22, -1, 1, 2, 2, 5, transposeB ? 3 : 5);
        var b = Uniform(23, -1, 1, 2, 2, 5, 3);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => BatchedMatMulOp.Apply(inputs[0], inputs[1], transposeB, causal: true), a, b);
    }

    /// <summary>Causal attention, softmax(tril(q·kᵀ))·v with both products told so, has the bits of the same ops with full
    /// products, forward and the gradients of q, k and v: the left-out terms were exact zeros.</summary>
    [Test]
    public void Apply_CausalAttention_BitIdenticalToFullProducts()
    {
        float[][] Run(bool causal)
        {
            var q = Uniform(24, -1, 1, 2, 4, 64, 32).To(DType.Float32);
            var k = Uniform(25, -1, 1, 2, 4, 64, 32).To(DType.Float32);
            var v = Uniform(26, -1, 1, 2, 4, 64, 32).To(DType.Float32);
            Tensor output;
            using (var tape = new GradientTape())
            {
                tape.Watch(q);
                tape.Watch(k);
                tape.Watch(v);
                var weights = MaskedSoftmaxOp.Apply(BatchedMatMulOp.Apply(q, k, transposeB: true, causal), 1 / Math.Sqrt(32), causal: true);
                output = BatchedMatMulOp.Apply(weights, v, causal: causal);
                var gradients = tape.Gradient((output * output).Sum(), [q, k, v]);
                return [output.ToArray<float>(), .. gradients.Select(g => g!.ToArray<float>())];
            }
        }

        var full = Run(causal: false);
        var causal = Run(causal: true);

        for (int i = 0; i < 4; i++) Assert.That(causal[i], Is.EqualTo(full[i]).AsCollection, i == 0 ? "output" : $"gradient {"qkv"[i - 1]}");
    }

    [Test]
    public void Apply_CausalNotSquare_NamesTheShapes()
    {
        var q = Uniform(27, -1, 1, 2, 3, 4);
        var k = Uniform(28, -1, 1, 2, 5, 4);

        Assert.That(() => BatchedMatMulOp.Apply(q, k, transposeB: true, causal: true), Throws.ArgumentException.With.Message.EqualTo(
            "matmul: (2,3,4) x (2,5,4)ᵀ: a causal product is attention's, over square (time, time) matrices of a shared batch: q·kᵀ needs as many keys as queries"));
    }
}
