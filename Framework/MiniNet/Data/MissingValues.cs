namespace MiniNet.Data;

/// <summary>What <see cref="TabularCsv"/> does with a missing value: a field that is empty or one of
/// <see cref="TabularSchema.MissingTokens"/> (<c>NA</c>, <c>NaN</c>, <c>null</c>, …), in a column the schema uses.</summary>
public enum MissingValues
{
    /// <summary>A missing value is a <see cref="DataFormatException"/> naming the file, the line and the column.</summary>
    Error,

    /// <summary>A row with a missing value in any column the schema uses is left out (pandas' <c>dropna()</c>); the
    /// count is reported as <see cref="TabularLoadResult.RowsDropped"/>. Statistics are learned from the rows kept.</summary>
    DropRow,

    /// <summary>A missing numeric value becomes the mean of the column in the training file, a missing category the
    /// most frequent one there (scikit-learn's <c>SimpleImputer</c>). A row whose target is missing is dropped and counted.</summary>
    FillMean,

    /// <summary>As <see cref="FillMean"/>, with the median of the column in the training file (the mean of the two middle
    /// values for an even count).</summary>
    FillMedian,
}
