using BenchmarkDotNet.Attributes;
using MiniNet.Kernels;

namespace MiniNet.Benchmarks;

/// <summary>
/// float32 <see cref="ConvPoolKernels"/> passes of the MNIST convnet's first layer at batch 64, on one and two threads: conv1
/// (64,28,28,1)*(3,3,1,32) with bias and ReLU, then 2×2 max pooling to (64,13,13,32). Backward, the first layer's two ways
/// (its input wants no gradient): dZ written whole and the kernel gradient reading it back, against dZ built a chunk at a
/// time inside the kernel gradient. The GFLOP/s column counts the convolution's 2·N·Ho·Wo·KH·KW·Cin·Cout.
/// </summary>
[Config(typeof(ConvConfig))]
public class ConvPoolBenchmarks
{
    private float[] _input = [], _kernel = [], _bias = [], _pooled = [], _positions = [], _pooledGradient = [], _preActivationGradient = [];
    private float[] _kernelGradient = [], _biasGradient = [];
    private ConvGeometry _conv;
    private PoolingGeometry _pool;

    /// <summary>The first layer alone, as <see cref="ConvBenchmarks"/> names it.</summary>
    public static IEnumerable<ConvShape> Shapes => ConvBenchmarks.Shapes.Where(shape => shape.Name == "conv1");

    /// <summary>The convolution (a parameter, so the GFLOP/s column finds it).</summary>
    [ParamsSource(nameof(Shapes))]
    public ConvShape Shape { get; set; } = new("none", [1, 1, 1, 1], [1, 1, 1, 1]);

    /// <summary><see cref="Engine.Threads"/> during the run.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Random operands in [-1, 1), the forward pass's pooled values and positions, and the thread setting.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        float[] Fill(long length) => Enumerable.Range(0, (int)length).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        _conv = Shape.Geometry;
        _pool = new PoolingGeometry(_conv.Batch, _conv.OutHeight, _conv.OutWidth, _conv.OutChannels, 2, 2, 2, 2, 0, 0, _conv.OutHeight / 2, _conv.OutWidth / 2);
        int pooledLength = _pool.Batch * _pool.OutputExampleLength;
        (_input, _kernel, _bias) = (Fill(_conv.InputLength), Fill(_conv.KernelLength), Fill(_conv.OutChannels));
        (_pooled, _positions, _pooledGradient) = (new float[pooledLength], new float[pooledLength], Fill(pooledLength));
        (_preActivationGradient, _kernelGradient, _biasGradient) = (new float[_conv.OutputLength], new float[_conv.KernelLength], new float[_conv.OutChannels]);
        Engine.Threads = Threads;
        ConvPoolKernels.ForwardBiasReluMaxPool<float>(_input, _kernel, _bias, _pooled, _positions, _conv, _pool);
    }

    /// <summary>P = maxpool(max(conv(X, W) + b, 0)) and the maxima's positions.</summary>
    [Benchmark]
    public void ForwardBiasReluMaxPool() => ConvPoolKernels.ForwardBiasReluMaxPool<float>(_input, _kernel, _bias, _pooled, _positions, _conv, _pool);

    /// <summary>dZ written whole with dB, then dW += cols(X)ᵀ·dZ reading it back (the layer's backward pass before).</summary>
    [Benchmark]
    public void GradientsWithDzWhole()
    {
        ConvPoolKernels.MaxPoolBiasReluGradient<float>(_pooled, _positions, _pooledGradient, _preActivationGradient, _biasGradient, _conv, _pool);
        ConvKernels.KernelGradient<float>(_input, _preActivationGradient, _kernelGradient, _conv, accumulate: true);
    }

    /// <summary>dB from the windows and dW with dZ's rows built a chunk at a time in cache.</summary>
    [Benchmark]
    public void BiasAndKernelGradients() =>
        ConvPoolKernels.BiasAndKernelGradients<float>(_input, _pooled, _positions, _pooledGradient, _kernelGradient, _biasGradient, _conv, _pool);
}
