namespace MiniNet.Data;

/// <summary>What <see cref="TabularCsv"/> loaded: the examples, the encoding that made them, and how many data lines
/// were left out for missing values (<see cref="MissingValues"/>). Deconstructs as
/// <c>var (data, encoding) = TabularCsv.Load(...)</c> or with the count as a third part.</summary>
/// <param name="Dataset">The examples: features (rows, <see cref="TabularEncoding.FeatureCount"/>), targets as the
/// schema's <see cref="TabularSchema.TargetKind"/> says.</param>
/// <param name="Encoding">The encoding learned from this file, or the one given to apply.</param>
/// <param name="RowsDropped">Data lines left out because a value was missing; 0 unless the policy drops rows (or fills
/// and a target was missing).</param>
public sealed record TabularLoadResult(Dataset Dataset, TabularEncoding Encoding, int RowsDropped)
{
    /// <summary>Lines with nothing but spaces, skipped as pandas' <c>read_csv</c> does (trailing ones included).</summary>
    public int BlankLinesSkipped { get; init; }

    /// <summary>Numeric values far outside the rest of their column, kept because the load was told to accept them (an
    /// error otherwise); in file order.</summary>
    public IReadOnlyList<ExtremeValue> ExtremeValues { get; init; } = [];

    /// <summary>The dataset and the encoding, without the count.</summary>
    public void Deconstruct(out Dataset dataset, out TabularEncoding encoding)
    {
        dataset = Dataset;
        encoding = Encoding;
    }
}
