using ScottPlot;

namespace MiniNet.Plotting;

/// <summary>Draws one loss curve per run against the step number on a logarithmic loss axis, so that linear convergence
/// shows as a straight line and a run stuck at a plateau as a flat one.</summary>
public static class LossByStep
{
    /// <summary>
    /// Writes a PNG of <paramref name="width"/>×<paramref name="height"/> pixels with one line per series (value i at step i) on a
    /// log₁₀ loss axis, and a dashed line at <paramref name="target"/> if given. Values ≤ 0 or not finite cannot be shown on a log
    /// axis and are left out. Creates the folder if needed.
    /// </summary>
    /// <exception cref="ArgumentException">No series has a positive value.</exception>
    public static void SavePng(string path, IReadOnlyList<(string Label, IReadOnlyList<double> Losses)> series, string title,
        double? target = null, int width = 900, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (!series.Any(s => s.Losses.Any(IsPlottable)))
            throw new ArgumentException("loss by step: no series has a positive value to plot on a log axis", nameof(series));
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < series.Count; i++)
        {
            var steps = Enumerable.Range(0, series[i].Losses.Count).Where(step => IsPlottable(series[i].Losses[step])).ToArray();
            var line = plot.Add.Scatter(steps.Select(step => (double)step).ToArray(), steps.Select(step => Math.Log10(series[i].Losses[step])).ToArray(), palette.GetColor(i));
            line.LegendText = series[i].Label;
            line.LineWidth = 2;
            line.MarkerSize = 0;
        }
        if (target is double level && IsPlottable(level))
        {
            var targetLine = plot.Add.HorizontalLine(Math.Log10(level), 1, Colors.Black, LinePattern.Dashed);
            targetLine.LegendText = $"target {level:G3}";
        }
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            LabelFormatter = exponent => $"1e{exponent:0}",
        };
        plot.Axes.Left.TickGenerator = ticks;
        plot.Title(title);
        plot.Axes.Bottom.Label.Text = "step";
        plot.Axes.Left.Label.Text = "loss (log scale)";
        plot.ShowLegend(Alignment.UpperRight);
        PngFile.Save(plot, path, width, height);
    }

    private static bool IsPlottable(double value) => double.IsFinite(value) && value > 0;
}
