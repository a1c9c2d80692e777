using BenchmarkDotNet.Attributes;
using MiniNet.Kernels;

namespace MiniNet.Benchmarks;

/// <summary>
/// float32 <see cref="ConvKernels"/> passes at the shapes of Keras's simple MNIST convnet at batch 64, on one and two threads:
/// conv1 (64,28,28,1)*(3,3,1,32) → (64,26,26,32), and conv2 on the pooled (64,13,13,32) with (3,3,32,64) → (64,11,11,64).
/// Each pass is 2·N·Ho·Wo·KH·KW·Cin·Cout floating-point operations.
/// </summary>
[Config(typeof(ConvConfig))]
public class ConvBenchmarks
{
    private float[] _input = [], _kernel = [], _output = [], _inputGradient = [], _kernelGradient = [], _bias = [], _biasGradient = [], _preActivationGradient = [];
    private ConvGeometry _geometry;

    /// <summary>The convnet's two convolutions.</summary>
    public static IEnumerable<ConvShape> Shapes =>
    [
        new("conv1", [64, 28, 28, 1], [3, 3, 1, 32]),
        new("conv2", [64, 13, 13, 32], [3, 3, 32, 64]),
    ];

    /// <summary>The convolution to time.</summary>
    [ParamsSource(nameof(Shapes))]
    public ConvShape Shape { get; set; } = new("none", [1, 1, 1, 1], [1, 1, 1, 1]);

    /// <summary><see cref="Engine.Threads"/> during the run.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Random operands in [-1, 1) and the thread setting.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        float[] Fill(int length) => Enumerable.Range(0, length).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        _geometry = Shape.Geometry;
        _input = Fill(_geometry.InputLength);
        _kernel = Fill(_geometry.KernelLength);
        _output = Fill(_geometry.OutputLength);
        _inputGradient = new float[_geometry.InputLength];
        _kernelGradient = new float[_geometry.KernelLength];
        _bias = Fill(_geometry.OutChannels);
        _biasGradient = new float[_geometry.OutChannels];
        _preActivationGradient = new float[_geometry.OutputLength];
        Engine.Threads = Threads;
    }

    /// <summary>Y = cols(X) · W.</summary>
    [Benchmark]
    public void Forward() => ConvKernels.Forward<float>(_input, _kernel, _output, _geometry);

    /// <summary>Y = max(cols(X) · W + b, 0), the bias and ReLU on each chunk in cache (a Conv2D layer with ReLU): against
    /// <see cref="Forward"/>, the cost of the fused epilogue.</summary>
    [Benchmark]
    public void ForwardBiasRelu() => ConvKernels.ForwardBiasRelu<float>(_input, _kernel, _bias, _output, _geometry);

    /// <summary>dZ = dY·[y &gt; 0] and dB += Σ dZ, the fused layer's element-wise backward walk (the output buffer stands in
    /// for y and dY; an element-wise pass, so its GFLOP/s column means nothing).</summary>
    [Benchmark]
    public void BiasReluGradient() => ConvKernels.BiasReluGradient<float>(_output, _output, _preActivationGradient, _biasGradient, _geometry);

    /// <summary>dX = col2im(dY · Wᵀ) (the output buffer stands in for dY).</summary>
    [Benchmark]
    public void InputGradient() => ConvKernels.InputGradient<float>(_output, _kernel, _inputGradient, _geometry);

    /// <summary>dW = cols(X)ᵀ · dY.</summary>
    [Benchmark]
    public void KernelGradient() => ConvKernels.KernelGradient<float>(_input, _output, _kernelGradient, _geometry);
}
