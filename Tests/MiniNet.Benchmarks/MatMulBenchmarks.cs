using BenchmarkDotNet.Attributes;
using MiniNet.Kernels;

namespace MiniNet.Benchmarks;

/// <summary>
/// float32 <see cref="MatMulKernels.Multiply{T}"/> at the shapes of the MNIST MLP (784-128-10, batch 64) and at 1024³, on one
/// and two threads: the same shapes the libtorch reference measures with <c>Tests/MiniNet.Benchmarks/TorchReference/run.sh --gemm</c>.
/// </summary>
[Config(typeof(MatMulConfig))]
public class MatMulBenchmarks
{
    private float[] _a = [], _b = [], _c = [];

    /// <summary>Forward of both layers, the weight gradient of the first (Aᵀ·B from a 64×784 A), and a large square.</summary>
    public static IEnumerable<MatMulShape> Shapes =>
    [
        new(64, 784, 128),
        new(64, 128, 10),
        new(784, 64, 128, TransposeA: true),
        new(1024, 1024, 1024),
    ];

    /// <summary>The multiply to time.</summary>
    [ParamsSource(nameof(Shapes))]
    public MatMulShape Shape { get; set; } = new(1, 1, 1);

    /// <summary><see cref="Engine.Threads"/> during the run.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Random operands in [-1, 1) and the thread setting.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        float[] Fill(int length) => Enumerable.Range(0, length).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        _a = Fill(Shape.M * Shape.K);
        _b = Fill(Shape.K * Shape.N);
        _c = new float[Shape.M * Shape.N];
        Engine.Threads = Threads;
    }

    /// <summary>C = op(A)·B.</summary>
    [Benchmark]
    public void MatMul() => MatMulKernels.Multiply<float>(_a, _b, _c, Shape.M, Shape.K, Shape.N, transposeA: Shape.TransposeA);
}
