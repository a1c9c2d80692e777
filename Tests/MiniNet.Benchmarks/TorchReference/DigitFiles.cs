using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace TorchReference;

/// <summary>Digits as libtorch takes them: <paramref name="Pixels"/> row-major (count, 784) in [0, 1], <paramref name="Labels"/> 0-9.</summary>
public sealed record Digits(float[] Pixels, long[] Labels)
{
    /// <summary>The number of digits.</summary>
    public int Count => Labels.Length;
}

/// <summary>Reads the files the MnistLite sample reads: CSV (label,p0..p783, pixels 0-255) or MNIST IDX, plain or gzip.</summary>
public static class DigitFiles
{
    private const int Pixels = 28 * 28;

    /// <summary>Loads a CSV file, or an IDX images file with its labels file (the name with "images-idx3" replaced by "labels-idx1").</summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is not digits of 28x28 pixels with labels 0-9.</exception>
    public static Digits Load(string path)
    {
        string name = Path.GetFileName(path);
        if (!name.Contains("idx3", StringComparison.OrdinalIgnoreCase)) return LoadCsv(path);
        string labels = Path.Combine(Path.GetDirectoryName(path) ?? "", name.Replace("images-idx3", "labels-idx1", StringComparison.OrdinalIgnoreCase));
        return LoadIdx(path, labels);
    }

    /// <summary>The path of a file shipped in data/mnist-lite, found from the working directory upwards.</summary>
    public static string Shipped(string file)
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder != null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "data", "mnist-lite", file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"data/mnist-lite/{file} not found above {Directory.GetCurrentDirectory()}; pass --train/--test");
    }

    private static Digits LoadCsv(string path)
    {
        using var reader = new StreamReader(new MemoryStream(ReadAll(path)));
        string header = reader.ReadLine() ?? "";
        if (!header.StartsWith("label,", StringComparison.Ordinal) || header.Split(',').Length != 1 + Pixels)
            throw new InvalidDataException($"{path}: the header must be label,p0..p783");
        var pixels = new List<float>();
        var labels = new List<long>();
        for (string? line = reader.ReadLine(); !string.IsNullOrEmpty(line); line = reader.ReadLine())
        {
            string[] fields = line.Split(',');
            if (fields.Length != 1 + Pixels) throw new InvalidDataException($"{path}: line {labels.Count + 2} has {fields.Length} fields, expected {1 + Pixels}");
            labels.Add(Label(path, long.Parse(fields[0], CultureInfo.InvariantCulture)));
            for (int i = 1; i < fields.Length; i++) pixels.Add(float.Parse(fields[i], CultureInfo.InvariantCulture) / 255f);
        }
        return new Digits([.. pixels], [.. labels]);
    }

    // IDX: big-endian magic (0x803 images, 0x801 labels), the count, for images rows and columns, then one byte per value.
    private static Digits LoadIdx(string imagesPath, string labelsPath)
    {
        byte[] images = ReadAll(imagesPath), labels = ReadAll(labelsPath);
        if (images.Length < 16 || BinaryPrimitives.ReadInt32BigEndian(images) != 0x803
            || BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(8)) * BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(12)) != Pixels)
            throw new InvalidDataException($"{imagesPath}: not an IDX file of 28x28 images");
        if (labels.Length < 8 || BinaryPrimitives.ReadInt32BigEndian(labels) != 0x801)
            throw new InvalidDataException($"{labelsPath}: not an IDX labels file");
        int count = BinaryPrimitives.ReadInt32BigEndian(labels.AsSpan(4));
        if (BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(4)) != count || images.Length != 16 + count * Pixels || labels.Length != 8 + count)
            throw new InvalidDataException($"{imagesPath}, {labelsPath}: the counts of images and labels or the file lengths disagree");
        var pixels = new float[count * Pixels];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = images[16 + i] / 255f;
        return new Digits(pixels, labels[8..].Select(label => Label(labelsPath, label)).ToArray());
    }

    private static long Label(string path, long label) =>
        label is >= 0 and <= 9 ? label : throw new InvalidDataException($"{path}: label {label} is not a digit");

    // The whole file, decompressed when it starts with the gzip magic bytes (1F 8B).
    private static byte[] ReadAll(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 2 || bytes[0] != 0x1F || bytes[1] != 0x8B) return bytes;
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var content = new MemoryStream();
        gzip.CopyTo(content);
        return content.ToArray();
    }
}
