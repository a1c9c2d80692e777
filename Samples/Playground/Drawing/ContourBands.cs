namespace Playground.Drawing;

/// <summary>
/// Turns a loss grid into contour bands: each cell takes the value of the highest contour level below its loss, so cells
/// between two neighbouring levels share one colour and the band edges are the contour lines.
/// </summary>
public static class ContourBands
{
    /// <summary>Each loss replaced by the highest of <paramref name="levels"/> (ascending) below it, or by
    /// <paramref name="floor"/> when it is below them all.</summary>
    /// <exception cref="ArgumentException">There are no levels.</exception>
    public static float[] Of(IReadOnlyList<float> losses, IReadOnlyList<double> levels, double floor)
    {
        if (levels.Count == 0) throw new ArgumentException("contour bands: at least one level is needed", nameof(levels));
        var bands = new float[losses.Count];
        for (int cell = 0; cell < bands.Length; cell++)
        {
            double band = floor;
            foreach (double level in levels)
                if (level < losses[cell]) band = level;
            bands[cell] = (float)band;
        }
        return bands;
    }
}
