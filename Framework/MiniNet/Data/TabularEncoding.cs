using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MiniNet.Data;

/// <summary>
/// How a <see cref="TabularSchema"/>'s columns become numbers, learned from a training file by
/// <see cref="TabularCsv.Load(string, TabularSchema, char?, bool)"/> and then applied unchanged to validation and test files
/// (<see cref="TabularCsv.Load(string, TabularEncoding, char?, bool)"/>) and to new rows (<see cref="Encode"/>): each
/// categorical column's vocabulary (its categories in the training file, sorted ordinal, one-hot in that order), fill
/// values for missing values, and the target classes. Features are the numeric columns as read, then the one-hot blocks
/// (<see cref="FeatureNames"/>, e.g. <c>Origin=Europe</c>); no scaling is done here. Save it with the model
/// (<see cref="ToJson"/>, <see cref="FromJson"/>): a model is only as good as the encoding its inputs get at inference time.
/// </summary>
public sealed class TabularEncoding
{
    private readonly Dictionary<string, string[]> _vocabularies;
    private readonly Dictionary<string, float> _numericFills;
    private readonly Dictionary<string, string> _categoricalFills;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _vocabularyView;
    private readonly string[] _targetClasses;
    private readonly string[] _featureNames;

    private TabularEncoding(TabularSchema schema, Dictionary<string, string[]> vocabularies, Dictionary<string, float> numericFills,
        Dictionary<string, string> categoricalFills, string[] targetClasses)
    {
        Schema = schema;
        _vocabularies = vocabularies;
        _numericFills = numericFills;
        _categoricalFills = categoricalFills;
        _targetClasses = targetClasses;
        _vocabularyView = vocabularies.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)Array.AsReadOnly(pair.Value)).AsReadOnly();
        _featureNames = [.. schema.Numeric, .. schema.Categorical.SelectMany(column => vocabularies[column].Select(category => $"{column}={category}"))];
    }

    /// <summary>The schema the encoding was learned for.</summary>
    public TabularSchema Schema { get; }

    /// <summary>Each categorical column's categories in the training file, sorted ordinal; category k of a column sets
    /// the k-th feature of its one-hot block.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Vocabularies => _vocabularyView;

    /// <summary>The value a missing number becomes, per numeric column: the column's mean or median in the training
    /// file (<see cref="MissingValues.FillMean"/>, <see cref="MissingValues.FillMedian"/>); empty for other policies.</summary>
    public IReadOnlyDictionary<string, float> NumericFills => _numericFills.AsReadOnly();

    /// <summary>The category a missing category becomes, per categorical column: the most frequent in the training file
    /// (the first in ordinal order on a tie), for the fill policies; empty for other policies.</summary>
    public IReadOnlyDictionary<string, string> CategoricalFills => _categoricalFills.AsReadOnly();

    /// <summary>For a <see cref="TabularTarget.Categories"/> target, the class names in the training file, sorted
    /// ordinal: class index k is <c>TargetClasses[k]</c>. Empty for other targets.</summary>
    public IReadOnlyList<string> TargetClasses => Array.AsReadOnly(_targetClasses);

    /// <summary>The name of each encoded feature, in order: the numeric columns, then <c>column=category</c> for each
    /// categorical column and category, e.g. <c>Cylinders, …, Origin=Europe, Origin=Japan, Origin=USA</c>.</summary>
    public IReadOnlyList<string> FeatureNames => Array.AsReadOnly(_featureNames);

    /// <summary>The number of encoded features per row (the length of <see cref="FeatureNames"/>).</summary>
    public int FeatureCount => _featureNames.Length;

    /// <summary>Encodes one raw row, e.g. a new car to predict for, exactly as the rows of a loaded file: the values are
    /// looked up by column name (spaces around them removed; other columns, such as the target, are ignored).</summary>
    /// <param name="row">Column name → text as it would appear in the CSV file.</param>
    /// <returns>The <see cref="FeatureCount"/> features, in the order of <see cref="FeatureNames"/>.</returns>
    /// <exception cref="ArgumentException">A feature column is absent from the row, or its value is missing (unless the
    /// policy fills it), not a number, or an unseen category (unless encoded as all zeros); the message names the column.</exception>
    public float[] Encode(IReadOnlyDictionary<string, string> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var values = new string[Schema.Numeric.Count + Schema.Categorical.Count];
        for (int i = 0; i < values.Length; i++)
        {
            string column = i < Schema.Numeric.Count ? Schema.Numeric[i] : Schema.Categorical[i - Schema.Numeric.Count];
            if (!row.TryGetValue(column, out string? text))
                throw new ArgumentException($"tabular: the row has no column \"{column}\"", nameof(row));
            values[i] = (text ?? "").Trim();
        }
        var features = new float[FeatureCount];
        if (EncodeFeatures(values, features) is string problem)
            throw new ArgumentException($"tabular: {problem}", nameof(row));
        return features;
    }

    /// <summary>A readable summary: the encoded features, the target, the missing-value policy with its fill values,
    /// and the unknown-category policy, one per line.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"features ({FeatureCount}): {string.Join(", ", _featureNames)}");
        string target = string.Join(", ", Schema.Target);
        text.AppendLine(Schema.TargetKind switch
        {
            TabularTarget.Categories => $"target: {target}, {_targetClasses.Length} classes: {string.Join(", ", _targetClasses.Select((name, index) => $"{index} {name}"))}",
            TabularTarget.ClassIndices => $"target: {target}, class indices",
            _ => $"target: {target}, values ({Schema.Target.Count})",
        });
        var fills = _numericFills.Select(fill => $"{fill.Key} = {fill.Value.ToString(CultureInfo.InvariantCulture)}")
            .Concat(_categoricalFills.Select(fill => $"{fill.Key} = {fill.Value}"));
        text.AppendLine(Schema.Missing switch
        {
            MissingValues.DropRow => "missing values: the row is dropped",
            MissingValues.FillMean or MissingValues.FillMedian => $"missing values: filled ({Schema.Missing}): {string.Join(", ", fills)}",
            _ => "missing values: an error",
        });
        text.Append(Schema.UnknownCategories == UnknownCategories.AllZeros ? "unknown categories: all zeros" : "unknown categories: an error");
        return text.ToString();
    }

    /// <summary>The encoding as indented JSON (schema, vocabularies, fill values, target classes), for saving it with a
    /// model; <see cref="FromJson"/> reads it back to an identical encoding. Floats are written so they read back exactly.</summary>
    public string ToJson() => JsonSerializer.Serialize(new SavedEncoding(
        [.. Schema.Numeric], [.. Schema.Categorical], [.. Schema.Target], Schema.TargetKind, Schema.Missing, Schema.UnknownCategories,
        _vocabularies, _numericFills, _categoricalFills, _targetClasses, [.. Schema.MissingMarkers]), TabularEncodingJson.Default.SavedEncoding);

    /// <summary>Reads an encoding written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not JSON of an encoding, or its parts do not fit together (a
    /// categorical column without a vocabulary, a vocabulary not sorted, a missing fill value, …).</exception>
    public static TabularEncoding FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var saved = JsonSerializer.Deserialize(json, TabularEncodingJson.Default.SavedEncoding) ?? throw new JsonException("tabular encoding: the JSON is null");
        TabularSchema schema;
        try
        {
            schema = new TabularSchema(Required(saved.Target, "target"), Required(saved.Numeric, "numeric"), Required(saved.Categorical, "categorical"),
                saved.TargetKind, saved.Missing, saved.UnknownCategories, saved.MissingMarkers);
        }
        catch (ArgumentException error)
        {
            throw new JsonException($"tabular encoding: the schema is invalid: {error.Message}", error);
        }
        var vocabularies = Required(saved.Vocabularies, "vocabularies");
        if (!vocabularies.Keys.Order(StringComparer.Ordinal).SequenceEqual(schema.Categorical.Order(StringComparer.Ordinal)))
            throw new JsonException("tabular encoding: \"vocabularies\" must have one entry per categorical column");
        foreach (var (column, vocabulary) in vocabularies)
            if (vocabulary is null || vocabulary.Length == 0 || !IsSortedAndDistinct(vocabulary))
                throw new JsonException($"tabular encoding: the vocabulary of \"{column}\" must be non-empty, sorted ordinal, without repeats");
        bool fills = schema.Missing is MissingValues.FillMean or MissingValues.FillMedian;
        var numericFills = Required(saved.NumericFills, "numericFills");
        var categoricalFills = Required(saved.CategoricalFills, "categoricalFills");
        if (!numericFills.Keys.Order(StringComparer.Ordinal).SequenceEqual(fills ? schema.Numeric.Order(StringComparer.Ordinal) : [])
            || numericFills.Values.Any(value => !float.IsFinite(value)))
            throw new JsonException($"tabular encoding: \"numericFills\" must hold a finite number for each numeric column when missing is {saved.Missing}, else nothing");
        if (!categoricalFills.Keys.Order(StringComparer.Ordinal).SequenceEqual(fills ? schema.Categorical.Order(StringComparer.Ordinal) : [])
            || categoricalFills.Any(fill => !vocabularies[fill.Key].Contains(fill.Value)))
            throw new JsonException($"tabular encoding: \"categoricalFills\" must hold a category of its vocabulary for each categorical column when missing is {saved.Missing}, else nothing");
        string[] targetClasses = Required(saved.TargetClasses, "targetClasses");
        if ((schema.TargetKind == TabularTarget.Categories) != (targetClasses.Length > 0) || !IsSortedAndDistinct(targetClasses))
            throw new JsonException("tabular encoding: \"targetClasses\" must be sorted ordinal without repeats, non-empty exactly for a Categories target");
        return new TabularEncoding(schema,
            schema.Categorical.ToDictionary(column => column, column => vocabularies[column]),
            schema.Numeric.Where(numericFills.ContainsKey).ToDictionary(column => column, column => numericFills[column]),
            schema.Categorical.Where(categoricalFills.ContainsKey).ToDictionary(column => column, column => categoricalFills[column]),
            targetClasses);
    }

    /// <summary>Learns the encoding from a training file's rows (each aligned with <see cref="TabularSchema.Columns"/>,
    /// trimmed, the rows to drop already left out): vocabularies and target classes from the values present, fill values
    /// from the numbers present.</summary>
    /// <exception cref="DataFormatException">A number does not parse (at its line), or a column has no value at all to
    /// learn from.</exception>
    internal static TabularEncoding Learn(TabularSchema schema, IReadOnlyList<(int Line, string[] Values)> rows, string path)
    {
        int numeric = schema.Numeric.Count, features = numeric + schema.Categorical.Count;
        var numericFills = new Dictionary<string, float>();
        var categoricalFills = new Dictionary<string, string>();
        bool fill = schema.Missing is MissingValues.FillMean or MissingValues.FillMedian;
        for (int i = 0; fill && i < numeric; i++)
        {
            var present = new List<double>();
            foreach (var (line, values) in rows)
                if (!schema.IsMissing(values[i]))
                    present.Add(ParseNumber($"column \"{schema.Numeric[i]}\"", values[i], out float value) is string problem
                        ? throw new DataFormatException(path, line, problem) : value);
            if (present.Count == 0)
                throw new DataFormatException(path, null, $"column \"{schema.Numeric[i]}\" has no value to compute a fill value from");
            numericFills[schema.Numeric[i]] = (float)(schema.Missing == MissingValues.FillMean ? present.Average() : Median(present));
        }
        var vocabularies = new Dictionary<string, string[]>();
        for (int i = numeric; i < features; i++)
        {
            string column = schema.Categorical[i - numeric];
            var counts = rows.Select(row => row.Values[i]).Where(text => !schema.IsMissing(text))
                .GroupBy(text => text, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal).ToArray();
            if (counts.Length == 0)
                throw new DataFormatException(path, null, $"column \"{column}\" has no category to learn");
            vocabularies[column] = [.. counts.Select(group => group.Key)];
            if (fill) categoricalFills[column] = counts.MaxBy(group => group.Count())!.Key;
        }
        string[] targetClasses = schema.TargetKind == TabularTarget.Categories
            ? [.. rows.Select(row => row.Values[features]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
            : [];
        return new TabularEncoding(schema, vocabularies, numericFills, categoricalFills, targetClasses);
    }

    /// <summary>Encodes the feature values of one row (aligned with the schema's numeric then categorical columns,
    /// trimmed) into <paramref name="destination"/>; returns what is wrong, or null.</summary>
    internal string? EncodeFeatures(IReadOnlyList<string> values, Span<float> destination)
    {
        int numeric = Schema.Numeric.Count, at = 0;
        for (int i = 0; i < numeric; i++)
        {
            string column = Schema.Numeric[i];
            if (Schema.IsMissing(values[i]))
            {
                if (!_numericFills.TryGetValue(column, out float fill)) return Schema.MissingProblem($"column \"{column}\"", values[i]);
                destination[at++] = fill;
            }
            else if (ParseNumber($"column \"{column}\"", values[i], out destination[at++]) is string problem) return problem;
        }
        for (int i = 0; i < Schema.Categorical.Count; i++)
        {
            string column = Schema.Categorical[i], text = values[numeric + i];
            string[] vocabulary = _vocabularies[column];
            var block = destination.Slice(at, vocabulary.Length);
            at += vocabulary.Length;
            block.Clear();
            if (Schema.IsMissing(text))
            {
                if (!_categoricalFills.TryGetValue(column, out string? fill)) return Schema.MissingProblem($"column \"{column}\"", text);
                text = fill;
            }
            int category = Array.BinarySearch(vocabulary, text, StringComparer.Ordinal);
            if (category >= 0) block[category] = 1f;
            else if (Schema.UnknownCategories == UnknownCategories.Error)
                return $"column \"{column}\": {Excerpt.Quote(text)} is a category not seen in training ({List(vocabulary)}); " +
                    "pass unknownCategories: UnknownCategories.AllZeros to encode it as all zeros";
        }
        return null;
    }

    /// <summary>Encodes the target values of one row (aligned with the schema's target columns, trimmed): float values
    /// into <paramref name="values"/>, or a class index; returns what is wrong, or null.</summary>
    internal string? EncodeTarget(ReadOnlySpan<string> texts, Span<float> values, out int classIndex)
    {
        classIndex = 0;
        for (int i = 0; i < texts.Length; i++)
        {
            string column = $"target column \"{Schema.Target[i]}\"", text = texts[i];
            if (Schema.IsMissing(text)) return Schema.MissingProblem(column, text);
            switch (Schema.TargetKind)
            {
                case TabularTarget.Values:
                    if (ParseNumber(column, text, out values[i]) is string problem) return problem;
                    break;
                case TabularTarget.Categories:
                    classIndex = Array.BinarySearch(_targetClasses, text, StringComparer.Ordinal);
                    if (classIndex < 0) return $"{column}: {Excerpt.Quote(text)} is a class not seen in training ({List(_targetClasses)})";
                    break;
                default:
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double index) || index != Math.Floor(index) || index < 0 || index > int.MaxValue)
                        return $"{column}: {Excerpt.Quote(text)} is not a class index (a whole number counting from 0)";
                    classIndex = (int)index;
                    break;
            }
        }
        return null;
    }

    // Parses a finite float32 with '.' as the decimal point; returns what is wrong, or null.
    private static string? ParseNumber(string column, string text, out float value)
    {
        if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return $"{column}: {Excerpt.Quote(text)} is not a finite float32 number";
        bool decimalComma = text.Count(c => c == ',') == 1 && double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        return $"{column}: {Excerpt.Quote(text)} is not a number" + (decimalComma ? " (the decimal point must be '.')" : "");
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    // At most 5 names, each cut short, so a vocabulary of thousands cannot flood a message.
    private static string List(string[] names) =>
        $"{names.Length} known: " + string.Join(", ", names.Take(5).Select(Excerpt.Quote)) + (names.Length > 5 ? ", …" : "");

    private static bool IsSortedAndDistinct(string[] names)
    {
        if (names.Any(name => name is null)) return false;
        for (int i = 1; i < names.Length; i++)
            if (string.CompareOrdinal(names[i - 1], names[i]) >= 0) return false;
        return true;
    }

    private static T Required<T>(T? value, string name) where T : class =>
        value ?? throw new JsonException($"tabular encoding: \"{name}\" is missing");

    // The JSON form: the schema's parts and what was learned.
    internal sealed record SavedEncoding(string[]? Numeric, string[]? Categorical, string[]? Target, TabularTarget TargetKind, MissingValues Missing,
        UnknownCategories UnknownCategories, Dictionary<string, string[]>? Vocabularies, Dictionary<string, float>? NumericFills,
        Dictionary<string, string>? CategoricalFills, string[]? TargetClasses, string[]? MissingMarkers);
}
