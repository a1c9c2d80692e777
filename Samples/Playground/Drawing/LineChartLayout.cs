namespace Playground.Drawing;

/// <summary>
/// The geometry of a line chart whose series share both axes: the plot area inside fixed margins, the x scale over every
/// series' x values, the y scale from 0 to the largest finite y (or, on a log scale, from the power of ten below the
/// smallest positive y to the one above the largest), a few round ticks on each axis, and each series as the
/// <c>points</c> of an SVG polyline (one vertex per data point).
/// </summary>
public sealed class LineChartLayout
{
    /// <summary>Space left of the plot area for the y tick labels, in SVG user units.</summary>
    public const double LeftMargin = 66;

    /// <summary>Space right of the plot area.</summary>
    public const double RightMargin = 14;

    /// <summary>Space above the plot area.</summary>
    public const double TopMargin = 12;

    /// <summary>Space below the plot area for the x tick labels and the axis title.</summary>
    public const double BottomMargin = 40;

    private readonly IReadOnlyList<IReadOnlyList<(double X, double Y)>> _series;

    /// <summary>Lays out <paramref name="series"/> in a <paramref name="width"/> × <paramref name="height"/> chart. An axis with
    /// no spread (a single point, or all losses 0) gets a domain of width 1 so the scale stays defined.</summary>
    /// <param name="series">The data, one list of (x, y) per polyline.</param>
    /// <param name="width">The viewBox width.</param>
    /// <param name="height">The viewBox height.</param>
    /// <param name="logY">Whether y is drawn on a log scale, where points with y ≤ 0 have no place and are left out.</param>
    public LineChartLayout(IReadOnlyList<IReadOnlyList<(double X, double Y)>> series, double width, double height, bool logY = false)
    {
        _series = series;
        (Width, Height, LogY) = (width, height, logY);
        var finite = series.SelectMany(s => s).Where(Drawable).ToList();
        double xMin = finite.Count == 0 ? 0 : finite.Min(p => p.X);
        double xMax = finite.Count == 0 ? 1 : finite.Max(p => p.X);
        X = new LinearScale(xMin, xMax > xMin ? xMax : xMin + 1, LeftMargin, width - RightMargin);
        if (logY)
        {
            double low = finite.Count == 0 ? 0 : Math.Floor(finite.Min(p => Math.Log10(p.Y)));
            double high = finite.Count == 0 ? 1 : Math.Ceiling(finite.Max(p => Math.Log10(p.Y)));
            Y = new LinearScale(low, high > low ? high : low + 1, height - BottomMargin, TopMargin);
        }
        else
        {
            double yMax = finite.Count == 0 ? 1 : finite.Max(p => p.Y);
            Y = new LinearScale(0, yMax > 0 ? yMax : 1, height - BottomMargin, TopMargin);
        }
    }

    /// <summary>Whether y is on a log scale: <see cref="Y"/> then maps log₁₀ y.</summary>
    public bool LogY { get; }

    /// <summary>The chart's width in SVG user units (its viewBox width).</summary>
    public double Width { get; }

    /// <summary>The chart's height in SVG user units.</summary>
    public double Height { get; }

    /// <summary>Data x to horizontal position.</summary>
    public LinearScale X { get; }

    /// <summary>Data y (log₁₀ y on a log scale) to vertical position (larger y is higher up); see <see cref="MapY"/>.</summary>
    public LinearScale Y { get; }

    /// <summary>The vertical position of a data value y, on either scale.</summary>
    public double MapY(double y) => Y.Map(LogY ? Math.Log10(y) : y);

    /// <summary>About <paramref name="count"/> round y values for ticks: <see cref="LinearScale.Ticks"/>, or on a log scale
    /// the powers of ten in the domain (every other one when there are more than 2·count).</summary>
    public IReadOnlyList<double> YTicks(int count)
    {
        if (!LogY) return Y.Ticks(count);
        int low = (int)Math.Ceiling(Y.DomainMin), high = (int)Math.Floor(Y.DomainMax), every = high - low + 1 > 2 * count ? 2 : 1;
        return [.. Enumerable.Range(low, high - low + 1).Where(power => (power - low) % every == 0).Select(power => Math.Pow(10, power))];
    }

    /// <summary>The left edge of the plot area, where the y axis is drawn.</summary>
    public double PlotLeft => LeftMargin;

    /// <summary>The bottom edge of the plot area, where the x axis is drawn.</summary>
    public double PlotBottom => Height - BottomMargin;

    /// <summary>The right edge of the plot area.</summary>
    public double PlotRight => Width - RightMargin;

    /// <summary>The top edge of the plot area.</summary>
    public double PlotTop => TopMargin;

    /// <summary>Series <paramref name="index"/> as polyline points: a vertex per finite data point, except where more than four
    /// fall in one unit-wide column of the chart (a long run: more epochs than the plot is wide), which keep only their first,
    /// lowest, highest and last. That draws the same line at the chart's resolution (min-max decimation, as Chart.js's) and
    /// keeps a drawing's cost bounded by the chart's width however long the run.</summary>
    public string Points(int index)
    {
        var kept = new List<(double X, double Y)>();
        var column = new List<(double X, double Y)>();
        double columnStart = double.NaN;
        foreach (var point in _series[index])
        {
            if (!Drawable(point)) continue;
            (double X, double Y) position = (X.Map(point.X), MapY(point.Y));
            if (Math.Floor(position.X) != columnStart)
            {
                KeepColumn(column, kept);
                columnStart = Math.Floor(position.X);
            }
            column.Add(position);
        }
        KeepColumn(column, kept);
        return SvgPoints.Format(kept);
    }

    // Adds a column's vertices to the kept ones (its first, lowest, highest and last when it has more than four) and empties it.
    private static void KeepColumn(List<(double X, double Y)> column, List<(double X, double Y)> kept)
    {
        if (column.Count <= 4) kept.AddRange(column);
        else
        {
            int lowest = 0, highest = 0;
            for (int i = 1; i < column.Count; i++)
            {
                if (column[i].Y < column[lowest].Y) lowest = i;
                if (column[i].Y > column[highest].Y) highest = i;
            }
            foreach (int i in new[] { 0, lowest, highest, column.Count - 1 }.Distinct().Order()) kept.Add(column[i]);
        }
        column.Clear();
    }

    private bool Drawable((double X, double Y) point) => double.IsFinite(point.X) && double.IsFinite(point.Y) && (!LogY || point.Y > 0);
}
