namespace MiniNet.Data;

/// <summary>
/// The columns of a table to learn from, by header name, as pandas / Keras users name them: numeric features (used as
/// numbers), categorical features (one-hot encoded), target column(s) and what they hold, and what to do with missing
/// values and with categories unseen in training. <see cref="TabularCsv.Load(string, TabularSchema, char?, bool)"/> learns a
/// <see cref="TabularEncoding"/> from a training file with it:
/// <code>
/// var schema = new TabularSchema(target: ["Miles_per_Gallon"], numeric: ["Horsepower", "Weight_in_lbs"],
///                                categorical: ["Origin"], missing: MissingValues.DropRow);
/// </code>
/// Features are encoded in the order numeric columns, then each categorical column's one-hot block, whatever the column
/// order of a file. Columns of a file that the schema does not name are ignored.
/// </summary>
public sealed class TabularSchema
{
    /// <summary>A schema; at least one feature column and one target column, no name used twice.</summary>
    /// <param name="target">The target column(s): one for <see cref="TabularTarget.Categories"/> and
    /// <see cref="TabularTarget.ClassIndices"/>, one or more for <see cref="TabularTarget.Values"/>.</param>
    /// <param name="numeric">Feature columns holding numbers, in the order wanted.</param>
    /// <param name="categorical">Feature columns holding categories (any text), one-hot encoded, in the order wanted.</param>
    /// <param name="targetKind">What the target columns hold; by default numbers.</param>
    /// <param name="missing">What to do with missing values; by default they are an error.</param>
    /// <param name="unknownCategories">What to do with a category unseen in training; by default it is an error.</param>
    /// <param name="missingMarkers">Texts that also mean "missing" in this table besides <see cref="MissingTokens"/>, as
    /// pandas's <c>na_values</c>: e.g. <c>["."]</c> for the one penguin whose sex is recorded as ".".</param>
    /// <exception cref="ArgumentException">No feature or no target column, a name used twice or null, more than one
    /// target column for class targets, or an undefined enum value.</exception>
    public TabularSchema(IReadOnlyList<string> target, IReadOnlyList<string>? numeric = null, IReadOnlyList<string>? categorical = null,
        TabularTarget targetKind = TabularTarget.Values, MissingValues missing = MissingValues.Error,
        UnknownCategories unknownCategories = UnknownCategories.Error, IReadOnlyList<string>? missingMarkers = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        MissingMarkers = [.. missingMarkers ?? []];
        if (MissingMarkers.Any(marker => marker is null))
            throw new ArgumentException("tabular: missing markers must not be null", nameof(missingMarkers));
        Numeric = [.. numeric ?? []];
        Categorical = [.. categorical ?? []];
        Target = [.. target];
        string[] columns = [.. Numeric, .. Categorical, .. Target];
        if (columns.Any(name => name is null))
            throw new ArgumentException("tabular: column names must not be null");
        if (Numeric.Count + Categorical.Count == 0)
            throw new ArgumentException("tabular: the schema needs at least one numeric or categorical feature column", nameof(numeric));
        if (Target.Count == 0)
            throw new ArgumentException("tabular: the schema needs at least one target column", nameof(target));
        string? repeated = columns.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1)?.Key;
        if (repeated is not null)
            throw new ArgumentException($"tabular: column \"{repeated}\" is named more than once in the schema");
        if (!Enum.IsDefined(targetKind))
            throw new ArgumentException($"tabular: targetKind {(int)targetKind} is not a TabularTarget", nameof(targetKind));
        if (targetKind != TabularTarget.Values && Target.Count != 1)
            throw new ArgumentException($"tabular: a {targetKind} target is one column, got {Target.Count}", nameof(target));
        if (!Enum.IsDefined(missing))
            throw new ArgumentException($"tabular: missing {(int)missing} is not a MissingValues", nameof(missing));
        if (!Enum.IsDefined(unknownCategories))
            throw new ArgumentException($"tabular: unknownCategories {(int)unknownCategories} is not an UnknownCategories", nameof(unknownCategories));
        TargetKind = targetKind;
        Missing = missing;
        UnknownCategories = unknownCategories;
        Columns = columns;
    }

    /// <summary>The texts that mean "missing" in any column, compared after spaces around a field are removed and case
    /// sensitively: the empty field, <c>NA</c>, <c>N/A</c>, <c>NaN</c>, <c>nan</c>, <c>null</c>, <c>NULL</c> (a subset of
    /// pandas' defaults). They are missing in categorical columns too, so a category spelled <c>NA</c> cannot be used.</summary>
    public static IReadOnlyList<string> MissingTokens { get; } = ["", "NA", "N/A", "NaN", "nan", "null", "NULL"];

    /// <summary>The numeric feature columns, in encoding order.</summary>
    public IReadOnlyList<string> Numeric { get; }

    /// <summary>The categorical feature columns, in encoding order (after the numeric ones).</summary>
    public IReadOnlyList<string> Categorical { get; }

    /// <summary>The target column(s).</summary>
    public IReadOnlyList<string> Target { get; }

    /// <summary>What the target columns hold.</summary>
    public TabularTarget TargetKind { get; }

    /// <summary>What is done with missing values.</summary>
    public MissingValues Missing { get; }

    /// <summary>What is done with a category unseen in training.</summary>
    public UnknownCategories UnknownCategories { get; }

    /// <summary>Every column a file must have: numeric, categorical, then target columns.</summary>
    internal IReadOnlyList<string> Columns { get; }

    /// <summary>How a missing value is reported, with the remedy the policy leaves, e.g. <c>column "Horsepower" has a
    /// missing value (""); pass missing: …</c>.</summary>
    internal string MissingProblem(string column, string text) => $"{column} has a missing value ({Excerpt.Quote(text)}); " + (Missing switch
    {
        MissingValues.Error => "pass missing: MissingValues.DropRow, FillMean or FillMedian to drop or fill such rows",
        MissingValues.DropRow => "the encoding drops rows with missing values, so it cannot encode this one",
        _ => "a missing target cannot be filled",
    });

    /// <summary>This table's own texts for "missing", besides <see cref="MissingTokens"/>.</summary>
    public IReadOnlyList<string> MissingMarkers { get; }

    /// <summary>Whether a field (already trimmed) is one of <see cref="MissingTokens"/> or <see cref="MissingMarkers"/>.</summary>
    internal bool IsMissing(string text) => MissingTokens.Contains(text, StringComparer.Ordinal) || MissingMarkers.Contains(text, StringComparer.Ordinal);
}
