using ScottPlot;

namespace MiniNet.Plotting;

/// <summary>Writes a finished plot to disk.</summary>
internal static class PngFile
{
    /// <summary>Saves <paramref name="plot"/> as a PNG of <paramref name="width"/>×<paramref name="height"/> pixels, creating the folder if needed.</summary>
    public static void Save(Plot plot, string path, int width, int height)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder != null) Directory.CreateDirectory(folder);
        plot.SavePng(path, width, height);
    }
}
