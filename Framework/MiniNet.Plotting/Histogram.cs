using ScottPlot;

namespace MiniNet.Plotting;

/// <summary>Draws how values are distributed: the range from the smallest to the largest value is cut into equal bins and
/// each bin's bar is as high as the number of values in it (a value equal to the largest goes into the last bin).</summary>
public static class Histogram
{
    /// <summary>The count of values in each of <paramref name="binCount"/> equal bins from the smallest value to the largest,
    /// and the bins' width; all values in one bin of width 1 centred on them when they are all equal.</summary>
    /// <exception cref="ArgumentException">There are no values, one is NaN or infinite, or <paramref name="binCount"/> is not positive.</exception>
    public static (double[] Centres, int[] Counts, double BinWidth) Bin(IReadOnlyList<double> values, int binCount)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("histogram: there are no values", nameof(values));
        if (values.Any(value => !double.IsFinite(value))) throw new ArgumentException("histogram: a value is NaN or infinite", nameof(values));
        if (binCount <= 0) throw new ArgumentOutOfRangeException(nameof(binCount), binCount, "histogram: binCount must be positive");
        double low = values.Min(), high = values.Max();
        if (high == low) (low, high, binCount) = (low - 0.5, high + 0.5, 1);
        double binWidth = (high - low) / binCount;
        var counts = new int[binCount];
        foreach (double value in values) counts[Math.Min((int)((value - low) / binWidth), binCount - 1)]++;
        double[] centres = [.. Enumerable.Range(0, binCount).Select(bin => low + (bin + 0.5) * binWidth)];
        return (centres, counts, binWidth);
    }

    /// <summary>Writes the histogram of <paramref name="values"/> as a PNG of <paramref name="width"/>×<paramref name="height"/>
    /// pixels, creating the folder if needed.</summary>
    /// <param name="values">The values to count, e.g. a regression's errors.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="title">The plot's title.</param>
    /// <param name="xLabel">What the values are, with their unit.</param>
    /// <param name="binCount">How many equal bins to cut the values' range into.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ArgumentException">As <see cref="Bin"/>.</exception>
    public static void SavePng(IReadOnlyList<double> values, string path, string title, string xLabel, int binCount = 25, int width = 700, int height = 450)
    {
        var (centres, counts, binWidth) = Bin(values, binCount);
        var plot = new Plot();
        var bars = plot.Add.Bars(centres, counts.Select(count => (double)count).ToArray());
        foreach (var bar in bars.Bars) bar.Size = binWidth;
        bars.Color = Colors.SteelBlue;
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.Axes.Bottom.Label.Text = xLabel;
        plot.Axes.Left.Label.Text = "count";
        PngFile.Save(plot, path, width, height);
    }
}
