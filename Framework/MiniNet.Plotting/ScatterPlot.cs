using ScottPlot;

namespace MiniNet.Plotting;

/// <summary>Draws points (x, y) as markers, e.g. a regression's predictions against the true values, optionally with the
/// line y = x on which perfect predictions would lie.</summary>
public static class ScatterPlot
{
    /// <summary>Writes the points as a PNG of <paramref name="width"/>×<paramref name="height"/> pixels, creating the folder if needed.</summary>
    /// <param name="x">The horizontal coordinates, e.g. the true values.</param>
    /// <param name="y">The vertical coordinates, as many as <paramref name="x"/>, e.g. the predictions.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="title">The plot's title.</param>
    /// <param name="xLabel">The horizontal axis' label.</param>
    /// <param name="yLabel">The vertical axis' label.</param>
    /// <param name="identityLine">Also draw y = x over the range of the points, and use the same range on both axes.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ArgumentException">There are no points, or <paramref name="x"/> and <paramref name="y"/> differ in length.</exception>
    public static void SavePng(IReadOnlyList<double> x, IReadOnlyList<double> y, string path, string title, string xLabel, string yLabel,
        bool identityLine = false, int width = 600, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0) throw new ArgumentException("scatter plot: there are no points to plot", nameof(x));
        if (x.Count != y.Count) throw new ArgumentException($"scatter plot: {x.Count} x values but {y.Count} y values", nameof(y));
        var plot = new Plot();
        var points = plot.Add.ScatterPoints(x.ToArray(), y.ToArray());
        points.Color = Colors.SteelBlue;
        if (identityLine)
        {
            double low = Math.Min(x.Min(), y.Min()), high = Math.Max(x.Max(), y.Max());
            var line = plot.Add.Line(low, low, high, high);
            line.Color = Colors.Gray;
            line.LinePattern = LinePattern.Dashed;
            double margin = (high - low) * 0.05;
            plot.Axes.SetLimits(low - margin, high + margin, low - margin, high + margin);
        }
        plot.Title(title);
        plot.Axes.Bottom.Label.Text = xLabel;
        plot.Axes.Left.Label.Text = yLabel;
        PngFile.Save(plot, path, width, height);
    }
}
