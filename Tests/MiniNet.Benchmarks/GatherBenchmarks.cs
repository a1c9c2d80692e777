using BenchmarkDotNet.Attributes;
using MiniNet.Kernels;

namespace MiniNet.Benchmarks;

/// <summary>
/// One epoch of the MNIST-lite sample's batches cut from its shuffled dataset: 125 batches of 64 rows of 784 floats picked
/// from 8,000 (25 MB, more than a core's caches hold), by <see cref="GatherKernels.GatherRows"/> on one and two threads. The
/// work is memory's, not the FMA units': it is the "before ops" of the MLP's profile, and a floor under its epoch.
/// </summary>
public class GatherBenchmarks
{
    private const int Rows = 8_000, Columns = 784, BatchSize = 64;
    private float[] _dataset = [], _batch = [];
    private int[] _order = [];

    /// <summary><see cref="Engine.Threads"/> during the run.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>The dataset (values in [0, 1), as pixels are), a shuffled order and the thread setting.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _dataset = Enumerable.Range(0, Rows * Columns).Select(_ => random.Next(256) / 255f).ToArray();
        _order = Enumerable.Range(0, Rows).ToArray();
        random.Shuffle(_order);
        _batch = new float[BatchSize * Columns];
        Engine.Threads = Threads;
    }

    /// <summary>Every batch of the epoch, in the shuffled order, into one reused buffer (as a training step's scope lends it).</summary>
    [Benchmark]
    public void Epoch()
    {
        for (int start = 0; start < Rows; start += BatchSize)
            GatherKernels.GatherRows(_dataset, Columns, _order.AsSpan(start, BatchSize), _batch);
    }
}
