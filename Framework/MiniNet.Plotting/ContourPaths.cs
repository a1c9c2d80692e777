using ScottPlot;

namespace MiniNet.Plotting;

/// <summary>Draws paths in the plane over the contour lines of a function of two variables, e.g. the weights an optimizer
/// visits on a 2-D loss surface.</summary>
public static class ContourPaths
{
    /// <summary>
    /// Writes a PNG of <paramref name="width"/>×<paramref name="height"/> pixels showing the iso-lines of <paramref name="function"/>
    /// at <paramref name="levels"/> over the window <paramref name="xRange"/> × <paramref name="yRange"/> (sampled on a 200×200 grid),
    /// each path as a line with a dot per point (dense dots mean small steps) and a large dot at its end, a square at the paths' common start and a diamond at
    /// <paramref name="minimum"/>. Creates the folder if needed; the window stays fixed, so a path that leaves it is cut off.
    /// </summary>
    /// <exception cref="ArgumentException">A range is empty, no level is given, or a path has no points.</exception>
    public static void SavePng(string path, Func<double, double, double> function, (double Min, double Max) xRange, (double Min, double Max) yRange,
        IReadOnlyList<double> levels, IReadOnlyList<(string Label, IReadOnlyList<(double X, double Y)> Points)> paths, (double X, double Y) minimum,
        string title, int width = 900, int height = 650)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(paths);
        if (!(xRange.Min < xRange.Max) || !(yRange.Min < yRange.Max))
            throw new ArgumentException($"contour paths: ranges must be non-empty, got x {xRange} and y {yRange}");
        if (levels.Count == 0) throw new ArgumentException("contour paths: give at least one contour level", nameof(levels));
        if (paths.Any(p => p.Points.Count == 0)) throw new ArgumentException("contour paths: every path needs at least one point", nameof(paths));

        const int gridSize = 200;
        var grid = new Coordinates3d[gridSize, gridSize];
        for (int row = 0; row < gridSize; row++)
            for (int column = 0; column < gridSize; column++)
            {
                double x = xRange.Min + (xRange.Max - xRange.Min) * column / (gridSize - 1);
                double y = yRange.Min + (yRange.Max - yRange.Min) * row / (gridSize - 1);
                grid[row, column] = new Coordinates3d(x, y, function(x, y));
            }
        var plot = new Plot();
        var contours = plot.Add.ContourLines(grid);
        contours.ContourLineLevels = [.. levels];
        contours.Update(grid);
        contours.LineColor = Colors.Gray.WithAlpha(0.6);

        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < paths.Count; i++)
        {
            var line = plot.Add.Scatter(paths[i].Points.Select(p => p.X).ToArray(), paths[i].Points.Select(p => p.Y).ToArray(), palette.GetColor(i));
            line.LegendText = paths[i].Label;
            line.LineWidth = 1.5f;
            line.MarkerSize = 3;
            var end = paths[i].Points[^1];
            plot.Add.Marker(end.X, end.Y, MarkerShape.FilledCircle, 11, palette.GetColor(i));
        }
        var start = paths.Count > 0 ? paths[0].Points[0] : minimum;
        plot.Add.Marker(start.X, start.Y, MarkerShape.FilledSquare, 10, Colors.Black).LegendText = "start";
        plot.Add.Marker(minimum.X, minimum.Y, MarkerShape.FilledDiamond, 12, Colors.Black).LegendText = "minimum";
        plot.Axes.SetLimits(xRange.Min, xRange.Max, yRange.Min, yRange.Max);
        plot.Title(title);
        plot.Axes.Bottom.Label.Text = "x";
        plot.Axes.Left.Label.Text = "y";
        plot.ShowLegend(Alignment.UpperRight);
        PngFile.Save(plot, path, width, height);
    }
}
