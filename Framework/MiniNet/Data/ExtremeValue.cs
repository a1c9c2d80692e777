using System.Globalization;

namespace MiniNet.Data;

/// <summary>
/// A number so far from the rest of its column that it would dominate the column's mean and variance (and so a
/// <c>Normalization</c> layer, and the loss): more than <see cref="Factor"/> times the column's scale beyond the nearest of
/// its other values, where the scale is the larger of their range and their largest magnitude (1 if they are all zero). A weight of
/// 1e30 among cars of 1,613 to 5,140 lbs is one; a pixel of 255 in a column of zeros, a 1 in a column of 0/1 flags, or a
/// year of 1982 among 1970-1981 are not. It is what a pandas user would see at once in <c>describe()</c>. The loaders
/// report the first as an error with its file, line and column unless told to accept them (<c>acceptExtremeValues: true</c>),
/// and then list them here.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Line">The value's line in the file (the header is line 1).</param>
/// <param name="Column">The column, as the file names it.</param>
/// <param name="Value">The value as read.</param>
/// <param name="OthersMin">The smallest of the column's other values.</param>
/// <param name="OthersMax">The largest of the column's other values.</param>
public sealed record ExtremeValue(string Path, int Line, string Column, double Value, double OthersMin, double OthersMax)
{
    /// <summary>How many times the column's scale a value must lie beyond the rest to count as extreme.</summary>
    public const double Factor = 1000;

    /// <summary>Where it is and why it is extreme, e.g. <c>cars.csv, line 5, column "Weight_in_lbs": 1E+30 is far outside
    /// the rest of the column (1613 to 5140)</c>.</summary>
    public override string ToString() => $"{Path}, line {Line}, {Problem}";

    /// <summary>Why it is extreme, without the file and line.</summary>
    public string Problem => string.Create(CultureInfo.InvariantCulture,
        $"column {Column}: {Value:G6} is far outside the rest of the column ({OthersMin:G6} to {OthersMax:G6}), more than {Factor:G} times its scale; it would dominate the column's mean and variance");

    /// <summary>The extreme values of the columns <paramref name="columns"/> of row-major <paramref name="values"/> (rows of
    /// <paramref name="width"/>), at most one at each end of a column, ordered by row then column. <paramref name="lines"/>
    /// gives each row's line in <paramref name="path"/>, <paramref name="names"/> each column's name.</summary>
    internal static List<ExtremeValue> Find(string path, ReadOnlySpan<float> values, int width, IReadOnlyList<int> columns,
        Func<int, string> names, Func<int, int> lines)
    {
        var found = new List<(int Row, int Column, ExtremeValue Value)>();
        int rows = width == 0 ? 0 : values.Length / width, count = columns.Count;
        if (rows < 2) return [];
        // Row by row, as the values lie in memory: first each column's smallest and largest value (the candidates), then the
        // range of the others beside each candidate.
        var minRow = new int[count];
        var maxRow = new int[count];
        for (int row = 1; row < rows; row++)
            for (int c = 0; c < count; c++)
            {
                float value = values[row * width + columns[c]];
                if (value < values[minRow[c] * width + columns[c]]) minRow[c] = row;
                if (value > values[maxRow[c] * width + columns[c]]) maxRow[c] = row;
            }
        var besideMin = new (double Min, double Max)[count];
        var besideMax = new (double Min, double Max)[count];
        Array.Fill(besideMin, (double.PositiveInfinity, double.NegativeInfinity));
        Array.Fill(besideMax, (double.PositiveInfinity, double.NegativeInfinity));
        for (int row = 0; row < rows; row++)
            for (int c = 0; c < count; c++)
            {
                double value = values[row * width + columns[c]];
                if (row != minRow[c]) besideMin[c] = (Math.Min(besideMin[c].Min, value), Math.Max(besideMin[c].Max, value));
                if (row != maxRow[c]) besideMax[c] = (Math.Min(besideMax[c].Min, value), Math.Max(besideMax[c].Max, value));
            }
        for (int c = 0; c < count; c++)
        {
            int column = columns[c];
            double low = values[minRow[c] * width + column], high = values[maxRow[c] * width + column];
            var (othersMin, othersMax) = besideMin[c];
            if (IsExtreme(low - othersMin, othersMin, othersMax))
                found.Add((minRow[c], column, new ExtremeValue(path, lines(minRow[c]), names(column), low, othersMin, othersMax)));
            (othersMin, othersMax) = besideMax[c];
            if (maxRow[c] != minRow[c] && IsExtreme(high - othersMax, othersMin, othersMax))
                found.Add((maxRow[c], column, new ExtremeValue(path, lines(maxRow[c]), names(column), high, othersMin, othersMax)));
        }
        return [.. found.OrderBy(item => item.Row).ThenBy(item => item.Column).Select(item => item.Value)];
    }

    // distance: how far the candidate lies beyond the nearest other value; the others span [min, max].
    private static bool IsExtreme(double distance, double min, double max)
    {
        double scale = Math.Max(max - min, Math.Max(Math.Abs(min), Math.Abs(max)));
        return Math.Abs(distance) > Factor * (scale > 0 ? scale : 1);
    }
}
