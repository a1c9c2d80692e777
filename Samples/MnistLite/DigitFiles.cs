using MiniNet.Data;
using MiniNet.Samples;

namespace MnistLite;

/// <summary>Finds and loads digit files: CSV (label,p0..p783, pixels 0-255, plain or gzip) or MNIST IDX image files.</summary>
public static class DigitFiles
{
    /// <summary>Loads a CSV file, or an IDX images file together with its labels file (the name with "images-idx3" replaced
    /// by "labels-idx1", as MNIST and Fashion-MNIST name them). Pixels are scaled to [0, 1].</summary>
    public static Dataset Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"data file not found: {path}", path);
        string name = Path.GetFileName(path);
        if (!name.Contains("idx3", StringComparison.OrdinalIgnoreCase))
            return CsvLoader.Load(path, "label", scale: 1f / 255, classCount: 10);
        string labels = Path.Combine(Path.GetDirectoryName(path) ?? "", name.Replace("images-idx3", "labels-idx1", StringComparison.OrdinalIgnoreCase));
        return IdxLoader.Load(path, labels, scale: 1f / 255, classCount: 10);
    }

    /// <summary>The path of a file shipped in data/mnist-lite, found from the working directory or the program's folder upwards.</summary>
    public static string Shipped(string file) => SampleFiles.Shipped("mnist-lite", file);
}
