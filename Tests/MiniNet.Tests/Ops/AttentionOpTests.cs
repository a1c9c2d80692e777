using MiniNet.Autodiff;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

/// <summary>The attention op against the three ops it fuses (matmul_transpose_b, the masked softmax, matmul): the same
/// bits forward and in every gradient, causal or not, on any thread count; its gradients against finite differences.</summary>
public class AttentionOpTests
{
    /// <summary>The output and the gradients of q, k and v of softmax(scale·q·kᵀ)·v under a loss with a random weight per
    /// output, fused or as the three ops.</summary>
    private static float[][] Run(bool fused, bool causal, int threads, int[] shape, int keys)
    {
        var q = Uniform(1, -2, 2, shape).To(DType.Float32);
        int[] kvShape = [.. shape[..^2], keys, shape[^1]];
        var k = Uniform(2, -2, 2, kvShape).To(DType.Float32);
        var v = Uniform(3, -1, 1, kvShape).To(DType.Float32);
        var weights = Uniform(4, -1, 1, shape).To(DType.Float32);
        double scale = 1 / Math.Sqrt(shape[^1]);
        return EngineThreads.Run(threads, () =>
        {
            using var tape = new GradientTape();
            tape.Watch(q);
            tape.Watch(k);
            tape.Watch(v);
            var output = fused
                ? AttentionOp.Apply(q, k, v, scale, causal)
                : BatchedMatMulOp.Apply(MaskedSoftmaxOp.Apply(BatchedMatMulOp.Apply(q, k, transposeB: true, causal), scale, causal), v, causal: causal);
            var gradients = tape.Gradient((output * weights).Sum(), [q, k, v]);
            return new[] { output.ToArray<float>() }.Concat(gradients.Select(g => g!.ToArray<float>())).ToArray();
        });
    }

    private static readonly string[] Names = ["output", "dq", "dk", "dv"];

    [TestCase(true, 1)]
    [TestCase(true, 2)]
    [TestCase(true, 3)]
    [TestCase(false, 1)]
    [TestCase(false, 2)]
    public void Fused_BitIdenticalToTheThreeOps(bool causal, int threads)
    {
        int[] shape = [2, 4, 64, 32];
        var threeOps = Run(fused: false, causal, threads: 1, shape, keys: 64);
        var fused = Run(fused: true, causal, threads, shape, keys: 64);

        for (int i = 0; i < 4; i++)
            Assert.That(fused[i].Select(BitConverter.SingleToInt32Bits), Is.EqualTo(threeOps[i].Select(BitConverter.SingleToInt32Bits)).AsCollection, Names[i]);
    }

    /// <summary>Odd sizes (tiles cut at every edge) and, not causal, more keys than queries.</summary>
    [TestCase(true, 9)]
    [TestCase(false, 13)]
    public void Fused_OddShapes_BitIdenticalToTheThreeOps(bool causal, int keys)
    {
        int[] shape = [3, 9, 5];
        var threeOps = Run(fused: false, causal, threads: 2, shape, keys);
        var fused = Run(fused: true, causal, threads: 2, shape, keys);

        for (int i = 0; i < 4; i++)
            Assert.That(fused[i], Is.EqualTo(threeOps[i]).AsCollection, Names[i]);
    }

    /// <summary>Shapes the register tiles take (AttentionTiles: widths and key counts in whole 16-float vectors), cut at every
    /// edge: one to five vectors of width (a second column chunk past four), one to five of keys, query rows not a multiple of
    /// the tile's four, a single head; on one and two threads. The three ops go through the GEMM, so equal bits are the
    /// tiles' bits equal to the GEMM's.</summary>
    [TestCase(true, new[] { 2, 4, 64, 32 }, 64, 2)]
    [TestCase(true, new[] { 3, 16, 16 }, 16, 1)]
    [TestCase(true, new[] { 2, 80, 48 }, 80, 2)]
    [TestCase(true, new[] { 1, 1, 32, 80 }, 32, 1)]
    [TestCase(false, new[] { 2, 18, 64 }, 32, 2)]
    [TestCase(false, new[] { 1, 7, 16 }, 80, 1)]
    public void Fused_TiledShapes_BitIdenticalToTheThreeOps(bool causal, int[] shape, int keys, int threads)
    {
        var fits = MiniNet.Kernels.AttentionTiles.Fit(new MiniNet.Kernels.AttentionKernels.Shape(1, shape[^2], keys, shape[^1], 1, causal));
        if (!fits) Assert.Ignore("this machine has no AVX-512, so attention takes the GEMM for every shape");
        var threeOps = Run(fused: false, causal, threads: 1, shape, keys);
        var fused = Run(fused: true, causal, threads, shape, keys);

        for (int i = 0; i < 4; i++)
            Assert.That(fused[i].Select(BitConverter.SingleToInt32Bits), Is.EqualTo(threeOps[i].Select(BitConverter.SingleToInt32Bits)).AsCollection, Names[i]);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Apply_GradientMatchesFiniteDifferences(bool causal)
    {
        var q = Uniform(5, -1, 1, 2, 2, 4, 3);
        var k = Uniform(6, -1, 1, 2, 2, 4, 3);
        var v = Uniform(7, -1, 1, 2, 2, 4, 3);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => AttentionOp.Apply(inputs[0], inputs[1], inputs[2], 0.7, causal), q, k, v);
    }

    [Test]
    public void Apply_ShapesDoNotFit_NamesAllThree()
    {
        var q = Uniform(8, -1, 1, 2, 3, 4);
        Assert.That(() => AttentionOp.Apply(q, Uniform(9, -1, 1, 2, 5, 4), Uniform(10, -1, 1, 2, 5, 4), 1, causal: true),
            Throws.ArgumentException.With.Message.EqualTo("attention: q (2,3,4), k (2,5,4), v (2,5,4): causal attention needs as many keys as queries"));
        Assert.That(() => AttentionOp.Apply(q, Uniform(11, -1, 1, 2, 3, 5), Uniform(12, -1, 1, 2, 3, 4), 1, causal: false),
            Throws.ArgumentException.With.Message.EqualTo("attention: q (2,3,4), k (2,3,5), v (2,3,4): k must have q's width and v as many positions as k"));
        Assert.That(() => AttentionOp.Apply(q, q, Uniform(13, -1, 1, 3, 3, 4), 1, causal: false),
            Throws.ArgumentException.With.Message.EqualTo("attention: q (2,3,4), k (2,3,4), v (3,3,4): the leading (batch, heads) dimensions differ"));
    }
}
