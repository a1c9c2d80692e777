using BenchmarkDotNet.Attributes;
using MiniNet.Autodiff;
using MiniNet.Kernels;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Benchmarks;

/// <summary>
/// Three of the character GPT's kernels at the shapes of one of its layers (nanoGPT's CPU recipe: batch 12, context 64, 4
/// heads of 32, width 128, MLP width 512): causal attention over its 48 heads, forward and forward with backward, the MLP's
/// bias + exact GELU, which keeps its derivative for the backward pass, and layer normalization over (768, 128), forward and
/// backward (dx, dγ, dβ). Warm caches: each kernel alone, over and over.
/// </summary>
public class GptKernelBenchmarks
{
    private const int Batch = 12, Heads = 4, Context = 64, HeadWidth = 32, Rows = Batch * Context, Width = Heads * HeadWidth, Hidden = 512;
    private Tensor _q = null!, _k = null!, _v = null!;
    private float[] _x = [], _bias = [], _y = [], _derivative = [];
    private float[] _rows = [], _gamma = [], _beta = [], _normalized = [], _mean = [], _inverse = [], _dx = [], _dgamma = [], _dbeta = [];

    /// <summary><see cref="Engine.Threads"/> during the run.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Random q, k, v and GELU inputs in [-1, 1) (the GELU's in [-4, 4)), and the thread setting.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        float[] Fill(int length, float range) => Enumerable.Range(0, length).Select(_ => (random.NextSingle() * 2 - 1) * range).ToArray();
        Tensor Heads4() => new(Fill(Batch * Heads * Context * HeadWidth, 1), Batch, Heads, Context, HeadWidth);
        (_q, _k, _v) = (Heads4(), Heads4(), Heads4());
        (_x, _bias) = (Fill(Rows * Hidden, 4), Fill(Hidden, 0.5f));
        (_y, _derivative) = (new float[Rows * Hidden], new float[Rows * Hidden]);
        (_rows, _gamma, _beta) = (Fill(Rows * Width, 2), Fill(Width, 1), Fill(Width, 0.5f));
        (_normalized, _dx, _mean, _inverse) = (new float[Rows * Width], new float[Rows * Width], new float[Rows], new float[Rows]);
        (_dgamma, _dbeta) = (new float[Width], new float[Width]);
        Engine.Threads = Threads;
    }

    /// <summary>softmax(q·kᵀ/√32, causal)·v, the weights kept (the op as a training step runs it, outside a tape).</summary>
    [Benchmark]
    public void AttentionForward()
    {
        using var scope = new TensorScope();
        AttentionOp.Apply(_q, _k, _v, 1 / Math.Sqrt(HeadWidth), causal: true);
    }

    /// <summary>The same on a tape, then the gradients of q, k and v (the output's sum as the loss).</summary>
    [Benchmark]
    public void AttentionForwardBackward()
    {
        using var scope = new TensorScope();
        using var tape = new GradientTape();
        tape.Watch(_q);
        tape.Watch(_k);
        tape.Watch(_v);
        var output = AttentionOp.Apply(_q, _k, _v, 1 / Math.Sqrt(HeadWidth), causal: true);
        tape.Gradient(output, [_q, _k, _v]);
    }

    /// <summary>GELU(x + b) over (768, 512), writing GELU' too.</summary>
    [Benchmark]
    public void BiasGeluForward() => GeluKernels.ExactForwardWithBias(_x, _bias, _y, _derivative);

    /// <summary>Layer normalization of (768, 128), keeping each row's mean and 1/σ.</summary>
    [Benchmark]
    public void LayerNormForward() =>
        LayerNormalizationKernels.Forward<float>(_rows, _gamma, _beta, _normalized, _mean, _inverse, Rows, Width, 1e-5f);

    /// <summary>Its backward pass, dx, dγ and dβ added (the normalized rows as dy).</summary>
    [Benchmark]
    public void LayerNormBackward() =>
        LayerNormalizationKernels.BackwardAdd<float>(_rows, _gamma, _mean, _inverse, _normalized, _dx, _dgamma, _dbeta, Rows, Width);
}
