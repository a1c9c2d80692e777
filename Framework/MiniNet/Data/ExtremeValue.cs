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
        int rows = width == 0 ? 0 : values.Length / width;
        if (rows < 2) return [];
        foreach (int column in columns)
        {
            // The two smallest and two largest values, by row: the extreme candidate at each end and the nearest of the others.
            int minRow = 0, maxRow = 0;
            for (int row = 1; row < rows; row++)
            {
                float value = values[row * width + column];
                if (value < values[minRow * width + column]) minRow = row;
                if (value > values[maxRow * width + column]) maxRow = row;
            }
            double othersMin = double.PositiveInfinity, othersMax = double.NegativeInfinity;
            double othersMinBesideMax = double.PositiveInfinity, othersMaxBesideMin = double.NegativeInfinity;
            for (int row = 0; row < rows; row++)
            {
                double value = values[row * width + column];
                if (row != minRow) { othersMin = Math.Min(othersMin, value); othersMaxBesideMin = Math.Max(othersMaxBesideMin, value); }
                if (row != maxRow) { othersMax = Math.Max(othersMax, value); othersMinBesideMax = Math.Min(othersMinBesideMax, value); }
            }
            double low = values[minRow * width + column], high = values[maxRow * width + column];
            if (IsExtreme(low - othersMin, othersMin, othersMaxBesideMin))
                found.Add((minRow, column, new ExtremeValue(path, lines(minRow), names(column), low, othersMin, othersMaxBesideMin)));
            if (maxRow != minRow && IsExtreme(high - othersMax, othersMinBesideMax, othersMax))
                found.Add((maxRow, column, new ExtremeValue(path, lines(maxRow), names(column), high, othersMinBesideMax, othersMax)));
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
