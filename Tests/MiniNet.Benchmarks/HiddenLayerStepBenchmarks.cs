using BenchmarkDotNet.Attributes;
using MiniNet.Kernels;

namespace MiniNet.Benchmarks;

/// <summary>
/// The kernels of one training step of the MNIST MLP's hidden layer (784×128), in the order a step runs them: the forward
/// multiply X·W, the weight gradient Xᵀ·dY and the momentum-SGD update of W. Run back to back, the three show what a kernel
/// timed alone hides: where the previous kernel left the data (on two threads, in which core's cache).
/// </summary>
public class HiddenLayerStepBenchmarks
{
    private const int Inputs = 784, Units = 128;
    private float[] _x = [], _weights = [], _velocity = [], _y = [], _gradient = [];

    /// <summary>Rows per batch.</summary>
    [Params(32, 64, 128)]
    public int Batch { get; set; }

    /// <summary><see cref="Engine.Threads"/> during the run.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Random data and weights in [-1, 1) and the thread setting.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        float[] Fill(int length) => Enumerable.Range(0, length).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        _x = Fill(Batch * Inputs);
        _weights = Fill(Inputs * Units);
        _velocity = new float[Inputs * Units];
        _y = new float[Batch * Units];
        _gradient = new float[Inputs * Units];
        Engine.Threads = Threads;
    }

    /// <summary>Forward, weight gradient (with the output standing in for its gradient) and update; the tiny learning rate
    /// keeps the weights where they started.</summary>
    [Benchmark]
    public void ForwardGradientUpdate()
    {
        MatMulKernels.Multiply<float>(_x, _weights, _y, Batch, Inputs, Units);
        MatMulKernels.Multiply<float>(_x, _y, _gradient, Inputs, Batch, Units, transposeA: true);
        SgdKernels.Step<float>(_weights, _velocity, _gradient, 1e-9f, 0.9f, 0f, nesterov: false);
    }

    /// <summary>The update alone: one pass reading the weights, velocities and gradients (1.2 MB, more than a core's L2) and
    /// writing the first two. No multiply-add of the products shortens it: the step's memory floor beside their FMA floor.</summary>
    [Benchmark]
    public void Update() => SgdKernels.Step<float>(_weights, _velocity, _gradient, 1e-9f, 0.9f, 0f, nesterov: false);
}
