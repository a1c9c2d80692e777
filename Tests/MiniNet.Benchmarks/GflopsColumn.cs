using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace MiniNet.Benchmarks;

/// <summary>Throughput column: GFLOP/s = floating-point operations / median time, from the benchmark's <see cref="MatMulShape"/>
/// (2·m·n·k) or <see cref="ConvShape"/> (2·N·Ho·Wo·KH·KW·Cin·Cout) parameter. The median, not the mean, because runs on a
/// shared two-core machine are bimodal (see BENCHMARKS.md).</summary>
public sealed class GflopsColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(GflopsColumn);

    /// <inheritdoc />
    public string ColumnName => "GFLOP/s";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Statistics;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "Billions of floating-point operations per second, floating-point operations (2·m·n·k for a multiply) / Median";

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        double flops = benchmarkCase.Parameters["Shape"] switch
        {
            MatMulShape matMul => matMul.Flops,
            ConvShape conv => conv.Flops,
            _ => double.NaN,
        };
        if (statistics == null || double.IsNaN(flops)) return "-";
        return (flops / statistics.Median).ToString("F1");
    }
}
