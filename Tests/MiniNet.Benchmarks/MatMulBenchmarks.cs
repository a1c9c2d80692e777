using BenchmarkDotNet.Attributes;
using MiniNet.Kernels;

namespace MiniNet.Benchmarks;

/// <summary>
/// float32 <see cref="MatMulKernels.Multiply{T}"/> at the shapes of the MNIST MLP (784-128-10, batch 64), at 1024³ (the same
/// shapes the libtorch reference measures with <c>Tests/MiniNet.Benchmarks/TorchReference/run.sh --gemm</c>) and at three of the
/// character GPT's, on one and two threads.
/// </summary>
[Config(typeof(MatMulConfig))]
public class MatMulBenchmarks
{
    private float[] _a = [], _b = [], _c = [];

    /// <summary>Forward of both layers, the weight gradient of the first (Aᵀ·B from a 64×784 A), and a large square; and
    /// three of the character GPT's (Samples/CharGpt: 768 rows of width 128, MLP width 512): the MLP's two forward products
    /// and the weight gradient of its second (Aᵀ·dY from its 768×512 input).</summary>
    public static IEnumerable<MatMulShape> Shapes =>
    [
        new(64, 784, 128),
        new(64, 128, 10),
        new(784, 64, 128, TransposeA: true),
        new(1024, 1024, 1024),
        new(768, 128, 512),
        new(768, 512, 128),
        new(512, 768, 128, TransposeA: true),
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
