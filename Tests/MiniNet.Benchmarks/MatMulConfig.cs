using BenchmarkDotNet.Configs;

namespace MiniNet.Benchmarks;

/// <summary>The default BenchmarkDotNet setup plus a <see cref="GflopsColumn"/>.</summary>
public sealed class MatMulConfig : ManualConfig
{
    /// <summary>Adds the GFLOP/s column.</summary>
    public MatMulConfig() => AddColumn(new GflopsColumn());
}
