namespace MiniNet.Data;

/// <summary>What <see cref="CsvLoader.Read"/> loaded, and what it skipped or accepted on the way.</summary>
/// <param name="Dataset">The examples.</param>
/// <param name="BlankLinesSkipped">Lines with nothing but spaces, skipped as pandas' <c>read_csv</c> does (trailing ones included).</param>
/// <param name="ExtremeValues">Feature values far outside the rest of their column, kept because the load was told to
/// accept them (an error otherwise); in file order.</param>
public sealed record CsvLoadResult(Dataset Dataset, int BlankLinesSkipped, IReadOnlyList<ExtremeValue> ExtremeValues);
