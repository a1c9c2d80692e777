using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace MiniNet.Benchmarks;

/// <summary>A short job (one launch, 3 warm-up and 10 measured iterations) plus a <see cref="GflopsColumn"/>: the machine
/// is shared, so each benchmark runs for a few seconds rather than a minute.</summary>
public sealed class ConvConfig : ManualConfig
{
    /// <summary>Adds the short job and the GFLOP/s column.</summary>
    public ConvConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10));
        AddColumn(new GflopsColumn());
    }
}
