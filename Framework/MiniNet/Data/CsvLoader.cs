using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace MiniNet.Data;

/// <summary>
/// Loads a <see cref="Dataset"/> from a CSV file (comma-separated, a header line first, one sample per line), plain or
/// gzip-compressed (recognised by its magic bytes). One column holds the label, a class index; the feature columns (by
/// default all the others) hold numbers, multiplied by a scale as they are read. Nothing is skipped: a malformed file
/// throws a <see cref="DataFormatException"/> naming the file, the line and the problem.
/// </summary>
public static class CsvLoader
{
    /// <summary>Loads <paramref name="path"/>, finding the label and feature columns by their header names.</summary>
    /// <param name="path">A CSV file, plain or gzip-compressed.</param>
    /// <param name="labelColumn">The header name of the label column, e.g. "label".</param>
    /// <param name="scale">Multiplies every feature value, e.g. 1/255f for 0–255 pixels.</param>
    /// <param name="classCount">If given, every label must be in [0, classCount).</param>
    /// <param name="featureColumns">Header names of the feature columns, in the order wanted; null for all but the label.</param>
    /// <exception cref="DataFormatException">The file is malformed or lacks a named column.</exception>
    public static Dataset Load(string path, string labelColumn, float scale = 1f, int? classCount = null, IReadOnlyList<string>? featureColumns = null)
    {
        ArgumentNullException.ThrowIfNull(labelColumn);
        return Load(path, scale, classCount, header =>
        {
            int label = ColumnByName(path, header, labelColumn, "label");
            int[]? features = featureColumns?.Select(name => ColumnByName(path, header, name, "feature")).ToArray();
            return (label, features);
        });
    }

    /// <summary>Loads <paramref name="path"/>, finding the label and feature columns by their 0-based positions.</summary>
    /// <param name="path">A CSV file, plain or gzip-compressed.</param>
    /// <param name="labelColumn">The 0-based position of the label column.</param>
    /// <param name="scale">Multiplies every feature value, e.g. 1/255f for 0–255 pixels.</param>
    /// <param name="classCount">If given, every label must be in [0, classCount).</param>
    /// <param name="featureColumns">0-based positions of the feature columns, in the order wanted; null for all but the label.</param>
    /// <exception cref="DataFormatException">The file is malformed or has fewer columns than a position needs.</exception>
    public static Dataset Load(string path, int labelColumn, float scale = 1f, int? classCount = null, IReadOnlyList<int>? featureColumns = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(labelColumn);
        if (featureColumns is not null && featureColumns.Any(column => column < 0))
            throw new ArgumentOutOfRangeException(nameof(featureColumns), $"csv: feature column positions must be >= 0, got [{string.Join(", ", featureColumns)}]");
        return Load(path, scale, classCount, header =>
        {
            foreach (int column in featureColumns is null ? [labelColumn] : featureColumns.Append(labelColumn))
                if (column >= header.Length)
                    throw new DataFormatException(path, 1, $"the header has {header.Length} columns, so there is no column {column}");
            return (labelColumn, featureColumns?.ToArray());
        });
    }

    private static Dataset Load(string path, float scale, int? classCount, Func<string[], (int Label, int[]? Features)> findColumns)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!float.IsFinite(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "csv: scale must be a finite number");
        if (classCount is <= 0)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "csv: classCount must be positive");

        using var reader = new StreamReader(DataFile.OpenRead(path));
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            IgnoreBlankLines = false, // a blank line is a row with the wrong number of columns, not something to skip
            LineBreakInQuotedFieldIsBadData = true, // keeps one record per line, so record numbers are line numbers
            BadDataFound = bad => throw new DataFormatException(path, bad.Context.Parser!.Row,
                $"malformed CSV, a quote inside an unquoted field or a quoted field not closed on its line: {bad.Field.TrimEnd('\r', '\n')}"),
        };
        using var parser = new CsvParser(reader, configuration);
        if (!parser.Read())
            throw new DataFormatException(path, null, "the file is empty (expected a header line)");
        string[] header = parser.Record!;
        var (labelColumn, featureColumns) = findColumns(header);
        featureColumns ??= Enumerable.Range(0, header.Length).Where(column => column != labelColumn).ToArray();
        CheckColumns(path, header, labelColumn, featureColumns);

        var features = new List<float>();
        var labels = new List<int>();
        while (parser.Read())
        {
            int line = parser.Row;
            if (parser.Count != header.Length)
                throw new DataFormatException(path, line, $"expected {header.Length} columns (as in the header), found {parser.Count}");
            labels.Add(ParseLabel(path, line, header[labelColumn], parser[labelColumn], classCount));
            foreach (int column in featureColumns)
                features.Add(ParseNumber(path, line, header[column], parser[column]) * scale);
        }
        if (labels.Count == 0)
            throw new DataFormatException(path, null, "the file has a header but no data lines");
        return new Dataset([.. features], [.. labels], featureColumns.Length);
    }

    private static int ColumnByName(string path, string[] header, string name, string role)
    {
        int column = Array.IndexOf(header, name);
        if (column < 0)
            throw new DataFormatException(path, 1, $"the header has no {role} column \"{name}\"");
        return column;
    }

    private static void CheckColumns(string path, string[] header, int labelColumn, int[] featureColumns)
    {
        if (featureColumns.Length == 0)
            throw new DataFormatException(path, 1, "there are no feature columns besides the label");
        if (featureColumns.Contains(labelColumn))
            throw new DataFormatException(path, 1, $"the label column \"{header[labelColumn]}\" is also listed as a feature column");
        int repeated = featureColumns.GroupBy(column => column).FirstOrDefault(group => group.Count() > 1)?.Key ?? -1;
        if (repeated >= 0)
            throw new DataFormatException(path, 1, $"feature column \"{header[repeated]}\" is listed more than once");
    }

    private static float ParseNumber(string path, int line, string column, string text)
    {
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            throw new DataFormatException(path, line, $"column \"{column}\": \"{text}\" is not a finite number");
        return value;
    }

    private static int ParseLabel(string path, int line, string column, string text, int? classCount)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new DataFormatException(path, line, $"label column \"{column}\": \"{text}\" is not a number");
        if (value != Math.Floor(value))
            throw new DataFormatException(path, line, $"label column \"{column}\": \"{text}\" is not an integer class index");
        if (value < 0 || value > int.MaxValue)
            throw new DataFormatException(path, line, $"label column \"{column}\": {text} is not a class index (must be in [0, {int.MaxValue}])");
        if (value >= classCount)
            throw new DataFormatException(path, line, $"label column \"{column}\": {text} is out of range [0, {classCount})");
        return (int)value;
    }
}
