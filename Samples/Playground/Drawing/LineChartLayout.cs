namespace Playground.Drawing;

/// <summary>
/// The geometry of a line chart whose series share both axes: the plot area inside fixed margins, the x scale over every
/// series' x values, the y scale from 0 to the largest finite y, a few round ticks on each axis, and each series as the
/// <c>points</c> of an SVG polyline (one vertex per data point).
/// </summary>
public sealed class LineChartLayout
{
    /// <summary>Space left of the plot area for the y tick labels, in SVG user units.</summary>
    public const double LeftMargin = 52;

    /// <summary>Space right of the plot area.</summary>
    public const double RightMargin = 14;

    /// <summary>Space above the plot area.</summary>
    public const double TopMargin = 12;

    /// <summary>Space below the plot area for the x tick labels and the axis title.</summary>
    public const double BottomMargin = 40;

    private readonly IReadOnlyList<IReadOnlyList<(double X, double Y)>> _series;

    /// <summary>Lays out <paramref name="series"/> in a <paramref name="width"/> × <paramref name="height"/> chart. An axis with
    /// no spread (a single point, or all losses 0) gets a domain of width 1 so the scale stays defined.</summary>
    public LineChartLayout(IReadOnlyList<IReadOnlyList<(double X, double Y)>> series, double width, double height)
    {
        _series = series;
        (Width, Height) = (width, height);
        var finite = series.SelectMany(s => s).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        double xMin = finite.Count == 0 ? 0 : finite.Min(p => p.X);
        double xMax = finite.Count == 0 ? 1 : finite.Max(p => p.X);
        double yMax = finite.Count == 0 ? 1 : finite.Max(p => p.Y);
        X = new LinearScale(xMin, xMax > xMin ? xMax : xMin + 1, LeftMargin, width - RightMargin);
        Y = new LinearScale(0, yMax > 0 ? yMax : 1, height - BottomMargin, TopMargin);
    }

    /// <summary>The chart's width in SVG user units (its viewBox width).</summary>
    public double Width { get; }

    /// <summary>The chart's height in SVG user units.</summary>
    public double Height { get; }

    /// <summary>Data x to horizontal position.</summary>
    public LinearScale X { get; }

    /// <summary>Data y to vertical position (larger y is higher up).</summary>
    public LinearScale Y { get; }

    /// <summary>The left edge of the plot area, where the y axis is drawn.</summary>
    public double PlotLeft => LeftMargin;

    /// <summary>The bottom edge of the plot area, where the x axis is drawn.</summary>
    public double PlotBottom => Height - BottomMargin;

    /// <summary>The right edge of the plot area.</summary>
    public double PlotRight => Width - RightMargin;

    /// <summary>The top edge of the plot area.</summary>
    public double PlotTop => TopMargin;

    /// <summary>Series <paramref name="index"/> as polyline points, one vertex per finite data point.</summary>
    public string Points(int index) => SvgPoints.Format(_series[index].Select(p => (X.Map(p.X), Y.Map(p.Y))));
}
