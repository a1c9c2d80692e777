using System.Globalization;

namespace MiniNet.Data;

/// <summary>
/// Loads a <see cref="Dataset"/> from a CSV file (comma-separated, a header line first, one sample per line), plain or
/// gzip-compressed (recognised by its magic bytes); for named numeric and categorical columns and missing values see
/// <see cref="TabularCsv"/>. One column holds the label, a class index; the feature columns (by
/// default all the others) hold numbers, multiplied by a scale as they are read. Blank lines are skipped and counted (<see cref="Read"/>), as pandas does; nothing
/// else is: a malformed file
/// throws a <see cref="DataFormatException"/> naming the file, the line and the problem, quoting at most a short
/// excerpt of the bad text. A file separated by ';' or tabs, or one without a header line, is an error at line 1 that says so.
/// </summary>
public static class CsvLoader
{
    /// <summary>Loads <paramref name="path"/>, finding the label and feature columns by their header names.</summary>
    /// <param name="path">A CSV file, plain or gzip-compressed.</param>
    /// <param name="labelColumn">The header name of the label column, e.g. "label".</param>
    /// <param name="scale">Multiplies every feature value, e.g. 1/255f for 0–255 pixels.</param>
    /// <param name="classCount">If given, every label must be in [0, classCount).</param>
    /// <param name="featureColumns">Header names of the feature columns, in the order wanted; null for all but the label.</param>
    /// <param name="acceptExtremeValues">Keep feature values far outside the rest of their column (<see cref="ExtremeValue"/>)
    /// instead of stopping at the first; <see cref="Read"/> lists them.</param>
    /// <exception cref="DataFormatException">The file is malformed, lacks a named column, or has an extreme value.</exception>
    public static Dataset Load(string path, string labelColumn, float scale = 1f, int? classCount = null, IReadOnlyList<string>? featureColumns = null,
        bool acceptExtremeValues = false) =>
        Read(path, labelColumn, scale, classCount, featureColumns, acceptExtremeValues).Dataset;

    /// <summary>Loads <paramref name="path"/> as <see cref="Load(string, string, float, int?, IReadOnlyList{string}?, bool)"/>
    /// does, and also says how many blank lines were skipped and which extreme values were accepted.</summary>
    /// <exception cref="DataFormatException">The file is malformed, lacks a named column, or has an extreme value.</exception>
    public static CsvLoadResult Read(string path, string labelColumn, float scale = 1f, int? classCount = null, IReadOnlyList<string>? featureColumns = null,
        bool acceptExtremeValues = false)
    {
        ArgumentNullException.ThrowIfNull(labelColumn);
        return Load(path, scale, classCount, hasHeader: true, acceptExtremeValues, header =>
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
    /// <param name="hasHeader">Whether the first line is a header (skipped); false reads it as the first example. With a
    /// header, a first line that is all numbers (other than the column numbers 0…n−1 or 1…n) is an error rather than an
    /// example lost.</param>
    /// <exception cref="DataFormatException">The file is malformed, has fewer columns than a position needs, or seems to
    /// lack the header it is said to have.</exception>
    /// <param name="acceptExtremeValues">Keep feature values far outside the rest of their column (<see cref="ExtremeValue"/>)
    /// instead of stopping at the first.</param>
    public static Dataset Load(string path, int labelColumn, float scale = 1f, int? classCount = null, IReadOnlyList<int>? featureColumns = null, bool hasHeader = true,
        bool acceptExtremeValues = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(labelColumn);
        if (featureColumns is not null && featureColumns.Any(column => column < 0))
            throw new ArgumentOutOfRangeException(nameof(featureColumns), $"csv: feature column positions must be >= 0, got [{string.Join(", ", featureColumns)}]");
        return Load(path, scale, classCount, hasHeader, acceptExtremeValues, header =>
        {
            foreach (int column in featureColumns is null ? [labelColumn] : featureColumns.Append(labelColumn))
                if (column >= header.Length)
                    throw new DataFormatException(path, 1, $"the {(hasHeader ? "header" : "first line")} has {header.Length} columns, so there is no column {column}");
            return (labelColumn, featureColumns?.ToArray());
        }).Dataset;
    }

    private static CsvLoadResult Load(string path, float scale, int? classCount, bool hasHeader, bool acceptExtremeValues,
        Func<string[], (int Label, int[]? Features)> findColumns)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!float.IsFinite(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "csv: scale must be a finite number");
        if (classCount is <= 0)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "csv: classCount must be positive");

        using var parser = CsvFile.Open(path, delimiter: ',', trim: false);
        int blankLines = 0;
        bool read;
        while ((read = parser.Read()) && CsvFile.IsBlank(parser)) blankLines++;
        if (!read)
            throw new DataFormatException(path, null, "the file is empty (expected a header line)");
        string[] first = parser.Record!;
        CheckFirstLine(path, first, parser.RawRecord, hasHeader);
        var (labelColumn, featureColumns) = findColumns(first);
        featureColumns ??= Enumerable.Range(0, first.Length).Where(column => column != labelColumn).ToArray();
        string[] names = hasHeader ? [.. first.Select(Excerpt.Quote)] : [.. Enumerable.Range(0, first.Length).Select(column => $"{column}")];
        CheckColumns(path, names, labelColumn, featureColumns);

        var features = new List<float>();
        var labels = new List<int>();
        var lines = new List<int>();
        void Add(int line, string[] record)
        {
            lines.Add(line);
            if (record.Length != first.Length)
                throw new DataFormatException(path, line, $"expected {first.Length} columns (as in the {(hasHeader ? "header" : "first line")}), found {record.Length}");
            labels.Add(ParseLabel(path, line, names[labelColumn], record[labelColumn], classCount));
            foreach (int column in featureColumns)
                features.Add(ParseNumber(path, line, names[column], record[column]));
        }
        if (!hasHeader) Add(parser.Row, first);
        while (parser.Read())
        {
            if (CsvFile.IsBlank(parser)) blankLines++;
            else Add(parser.Row, parser.Record!);
        }
        if (labels.Count == 0)
            throw new DataFormatException(path, null, "the file has a header but no data lines");
        float[] values = [.. features]; // as read: an extreme value is reported as the file has it, then scaled
        var extremes = ExtremeValue.Find(path, values, featureColumns.Length, [.. Enumerable.Range(0, featureColumns.Length)],
            column => names[featureColumns[column]], row => lines[row]);
        if (extremes.Count > 0 && !acceptExtremeValues)
            throw new DataFormatException(path, extremes[0].Line, extremes[0].Problem + "; fix or remove it, or pass acceptExtremeValues: true to keep it");
        for (int i = 0; i < values.Length; i++) values[i] *= scale;
        return new CsvLoadResult(new Dataset(values, [.. labels], featureColumns.Length, classCount), blankLines, extremes);
    }

    // A file CsvLoader cannot read as meant is better stopped at its first line: one column means another delimiter
    // (CsvLoader needs a label and a feature), and a header of numbers means the first example would be taken for names.
    private static void CheckFirstLine(string path, string[] first, string rawLine, bool hasHeader)
    {
        if (CsvFile.OtherDelimiter(first, ',') is char other)
            throw new DataFormatException(path, 1, $"the first line {CsvFile.ShowLine(rawLine)} has 1 column when split at ','; " +
                $"is the file separated by {CsvFile.Show(other)}? CsvLoader reads comma-separated files only");
        if (hasHeader && CsvFile.LooksLikeData(first))
            throw new DataFormatException(path, 1, $"the first line {CsvFile.ShowLine(rawLine)} is all numbers, so the file " +
                "seems to have no header line (CsvLoader skips the first line as the header); add one, or load by column " +
                "positions with hasHeader: false");
    }

    private static int ColumnByName(string path, string[] header, string name, string role)
    {
        int column = Array.IndexOf(header, name);
        if (column < 0)
            throw new DataFormatException(path, 1, CsvFile.NoSuchColumn(header, name, $"{role} column "));
        return column;
    }

    // names[column] is how a message names a column: its header name quoted, or its position when there is no header.
    private static void CheckColumns(string path, string[] names, int labelColumn, int[] featureColumns)
    {
        if (featureColumns.Length == 0)
            throw new DataFormatException(path, 1, "there are no feature columns besides the label");
        if (featureColumns.Contains(labelColumn))
            throw new DataFormatException(path, 1, $"the label column {names[labelColumn]} is also listed as a feature column");
        int repeated = featureColumns.GroupBy(column => column).FirstOrDefault(group => group.Count() > 1)?.Key ?? -1;
        if (repeated >= 0)
            throw new DataFormatException(path, 1, $"feature column {names[repeated]} is listed more than once");
    }

    private static float ParseNumber(string path, int line, string column, string text)
    {
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            throw new DataFormatException(path, line, $"column {column}: {Excerpt.Quote(text)} is not a finite number");
        return value;
    }

    private static int ParseLabel(string path, int line, string column, string text, int? classCount)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new DataFormatException(path, line, $"label column {column}: {Excerpt.Quote(text)} is not a number");
        if (value != Math.Floor(value))
            throw new DataFormatException(path, line, $"label column {column}: {Excerpt.Quote(text)} is not an integer class index");
        string number = value.ToString(CultureInfo.InvariantCulture);
        if (value < 0)
            throw new DataFormatException(path, line, $"label column {column}: {number} is not a class index, which counts from 0");
        if (value > int.MaxValue)
            throw new DataFormatException(path, line, $"label column {column}: {number} is too large for a class index");
        if (value >= classCount)
            throw new DataFormatException(path, line, $"label column {column}: {number} is out of range [0, {classCount})");
        return (int)value;
    }
}
