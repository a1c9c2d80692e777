namespace MiniNet.Data;

/// <summary>
/// Loads a table from a CSV file (plain or gzip; a header line naming the columns; ',' or, detected from the header
/// line, ';' or tab) into a <see cref="Dataset"/>, as pandas' <c>read_csv</c> then <c>get_dummies</c> would, but with
/// the encoding learned once and kept:
/// <code>
/// var schema = new TabularSchema(target: ["Miles_per_Gallon"], numeric: ["Cylinders", "Horsepower"], categorical: ["Origin"],
///                                missing: MissingValues.DropRow);
/// var (train, encoding) = TabularCsv.Load("data/auto-mpg/cars.csv", schema);   // learns the encoding from this file
/// var (test, _) = TabularCsv.Load("test.csv", encoding);                        // applies it unchanged
/// </code>
/// Spaces around fields are removed and blank lines skipped (counted in <see cref="TabularLoadResult.BlankLinesSkipped"/>).
/// Nothing else is skipped silently: a malformed file, a value that is not a number, a
/// missing value (unless the schema drops or fills it) an unseen category (unless encoded as zeros) or a numeric value far outside the rest of its column
/// (<see cref="ExtremeValue"/>, unless accepted) throws a
/// <see cref="DataFormatException"/> naming the file, the line, the column and (cut short) the value.
/// </summary>
public static class TabularCsv
{
    /// <summary>Loads a training file, learning the encoding (vocabularies, fill values, target classes) from it.</summary>
    /// <param name="path">A CSV file, plain or gzip-compressed.</param>
    /// <param name="schema">The columns and policies.</param>
    /// <param name="delimiter">The field delimiter; null to take ';' or tab when the header line has one and no comma, else ','.</param>
    /// <exception cref="DataFormatException">The file is malformed, lacks a named column, or has a bad value.</exception>
    /// <param name="acceptExtremeValues">Keep numeric values far outside the rest of their column (<see cref="ExtremeValue"/>,
    /// listed in <see cref="TabularLoadResult.ExtremeValues"/>) instead of stopping at the first.</param>
    public static TabularLoadResult Load(string path, TabularSchema schema, char? delimiter = null, bool acceptExtremeValues = false)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var (rows, dropped, blank) = Read(path, schema, delimiter);
        var encoding = TabularEncoding.Learn(schema, rows, path);
        return Encode(path, encoding, rows, acceptExtremeValues) with { RowsDropped = dropped, BlankLinesSkipped = blank };
    }

    /// <summary>Loads a validation, test or new file with an encoding learned before, unchanged: the same features in
    /// the same order, the same classes; missing values are dropped or filled (with the training values) as its schema says.</summary>
    /// <param name="path">A CSV file, plain or gzip-compressed.</param>
    /// <param name="encoding">The encoding of the training file, e.g. <see cref="TabularLoadResult.Encoding"/> or read by
    /// <see cref="TabularEncoding.FromJson"/>.</param>
    /// <param name="delimiter">The field delimiter; null to take ';' or tab when the header line has one and no comma, else ','.</param>
    /// <exception cref="DataFormatException">The file is malformed, lacks a named column, or has a bad value or an unseen
    /// category or class.</exception>
    /// <param name="acceptExtremeValues">Keep numeric values far outside the rest of their column (<see cref="ExtremeValue"/>,
    /// listed in <see cref="TabularLoadResult.ExtremeValues"/>) instead of stopping at the first.</param>
    public static TabularLoadResult Load(string path, TabularEncoding encoding, char? delimiter = null, bool acceptExtremeValues = false)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        var (rows, dropped, blank) = Read(path, encoding.Schema, delimiter);
        return Encode(path, encoding, rows, acceptExtremeValues) with { RowsDropped = dropped, BlankLinesSkipped = blank };
    }

    // The schema's columns of every data line (trimmed, in the order of schema.Columns), less the lines the missing-value
    // policy drops.
    private static (List<(int Line, string[] Values)> Rows, int Dropped, int Blank) Read(string path, TabularSchema schema, char? delimiter)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (delimiter is '"' or '\r' or '\n')
            throw new ArgumentOutOfRangeException(nameof(delimiter), delimiter, "tabular: the delimiter cannot be a quote or a line break");
        using var parser = CsvFile.Open(path, delimiter, trim: true);
        int blank = 0;
        bool read;
        while ((read = parser.Read()) && CsvFile.IsBlank(parser)) blank++;
        if (!read)
            throw new DataFormatException(path, null, "the file is empty (expected a header line)");
        string[] header = parser.Record!;
        int[] positions = [.. schema.Columns.Select(name => FindColumn(path, header, parser.RawRecord, parser.Configuration.Delimiter[0], name))];
        int targets = schema.Target.Count, features = schema.Columns.Count - targets;

        var rows = new List<(int Line, string[] Values)>();
        int dropped = 0;
        while (parser.Read())
        {
            int line = parser.Row;
            if (CsvFile.IsBlank(parser))
            {
                blank++;
                continue;
            }
            if (parser.Count != header.Length)
                throw new DataFormatException(path, line, $"expected {header.Length} columns (as in the header), found {parser.Count}");
            string[] values = [.. positions.Select(position => parser[position])];
            int missing = Array.FindIndex(values, schema.IsMissing);
            if (missing >= 0 && schema.Missing == MissingValues.Error)
                throw new DataFormatException(path, line, schema.MissingProblem($"column \"{schema.Columns[missing]}\"", values[missing]));
            bool targetMissing = values.Skip(features).Any(schema.IsMissing);
            if (missing >= 0 && (schema.Missing == MissingValues.DropRow || targetMissing))
                dropped++;
            else
                rows.Add((line, values));
        }
        if (rows.Count == 0)
            throw new DataFormatException(path, null, dropped > 0
                ? $"all {dropped} data lines have a missing value, so none is left"
                : "the file has a header but no data lines");
        return (rows, dropped, blank);
    }

    private static int FindColumn(string path, string[] header, string rawHeader, char delimiter, string name)
    {
        int column = Array.IndexOf(header, name);
        if (column >= 0)
        {
            if (Array.IndexOf(header, name, column + 1) >= 0)
                throw new DataFormatException(path, 1, $"the header has two columns named \"{name}\"");
            return column;
        }
        if (CsvFile.OtherDelimiter(header, delimiter) is char other)
            throw new DataFormatException(path, 1, $"the header line {CsvFile.ShowLine(rawHeader)} has 1 column when split at " +
                $"{CsvFile.Show(delimiter)}; is the file separated by {CsvFile.Show(other)}? pass delimiter: {CsvFile.Show(other)}");
        if (CsvFile.LooksLikeData(header))
            throw new DataFormatException(path, 1, $"the first line {CsvFile.ShowLine(rawHeader)} has no column \"{name}\" and is " +
                "all numbers: the file seems to have no header line; add one naming the columns");
        throw new DataFormatException(path, 1, CsvFile.NoSuchColumn(header, name, "column "));
    }

    // The dataset, after checking its numeric columns (and numeric targets) for extreme values.
    private static TabularLoadResult Encode(string path, TabularEncoding encoding, List<(int Line, string[] Values)> rows, bool acceptExtremeValues)
    {
        var schema = encoding.Schema;
        int width = encoding.FeatureCount, targets = schema.Target.Count, features = schema.Columns.Count - targets;
        var featureValues = new float[rows.Count * width];
        var targetValues = new float[rows.Count * targets];
        var classIndices = new int[rows.Count];
        for (int row = 0; row < rows.Count; row++)
        {
            var (line, values) = rows[row];
            string? problem = encoding.EncodeFeatures(values, featureValues.AsSpan(row * width, width))
                ?? encoding.EncodeTarget(values.AsSpan(features), targetValues.AsSpan(row * targets, targets), out classIndices[row]);
            if (problem is not null) throw new DataFormatException(path, line, problem);
        }
        int numeric = schema.Numeric.Count;
        List<ExtremeValue> extremes =
        [
            .. ExtremeValue.Find(path, featureValues, width, [.. Enumerable.Range(0, numeric)], column => $"\"{schema.Numeric[column]}\"", row => rows[row].Line),
            .. schema.TargetKind == TabularTarget.Values
                ? ExtremeValue.Find(path, targetValues, targets, [.. Enumerable.Range(0, targets)], column => $"\"{schema.Target[column]}\"", row => rows[row].Line)
                : [],
        ];
        extremes.Sort((a, b) => a.Line.CompareTo(b.Line));
        if (extremes.Count > 0 && !acceptExtremeValues)
            throw new DataFormatException(path, extremes[0].Line, extremes[0].Problem + "; fix or remove it, or pass acceptExtremeValues: true to keep it");
        var dataset = schema.TargetKind == TabularTarget.Values
            ? Dataset.FromValues(featureValues, [width], targetValues, [targets])
            : Dataset.FromClassIndices(featureValues, [width], classIndices, encoding.TargetClasses.Count > 0 ? encoding.TargetClasses.Count : null);
        return new TabularLoadResult(dataset, encoding, 0) { ExtremeValues = extremes };
    }
}
