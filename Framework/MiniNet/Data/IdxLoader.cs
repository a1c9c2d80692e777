using System.Buffers.Binary;

namespace MiniNet.Data;

/// <summary>
/// Loads a <see cref="Dataset"/> from a pair of IDX files, the binary format of MNIST and Fashion-MNIST, plain or
/// gzip-compressed (recognised by their magic bytes). Images: big-endian int32 magic 0x00000803 (unsigned bytes, 3
/// dimensions), then n, rows, cols, then n·rows·cols pixels; labels: magic 0x00000801, then n, then n bytes. Each image
/// becomes one sample of rows·cols features (row by row), multiplied by a scale.
/// </summary>
public static class IdxLoader
{
    private const int ImagesMagic = 0x00000803;
    private const int LabelsMagic = 0x00000801;

    /// <summary>Loads images and their labels, e.g. <c>train-images-idx3-ubyte.gz</c> and <c>train-labels-idx1-ubyte.gz</c>.</summary>
    /// <param name="imagesPath">The IDX file of images, uint8 (n, rows, cols).</param>
    /// <param name="labelsPath">The IDX file of labels, uint8 (n).</param>
    /// <param name="scale">Multiplies every pixel, e.g. 1/255f to map 0–255 to [0, 1].</param>
    /// <param name="classCount">If given, every label must be in [0, classCount).</param>
    /// <param name="asImages">Give each example the shape (rows, cols, 1), a one-channel image for a convolutional model
    /// (channels last, as Keras), instead of a flat row of rows·cols features.</param>
    /// <exception cref="DataFormatException">A file has the wrong magic number, is truncated or too long, the counts of
    /// images and labels differ, or a label is out of range.</exception>
    public static Dataset Load(string imagesPath, string labelsPath, float scale = 1f, int? classCount = null, bool asImages = false)
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        ArgumentNullException.ThrowIfNull(labelsPath);
        if (!float.IsFinite(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "idx: scale must be a finite number");
        if (classCount is <= 0)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "idx: classCount must be positive");

        var (pixels, imageShape) = ReadBytes(imagesPath, ImagesMagic, "uint8 images (n, rows, cols)");
        var (labelBytes, labelShape) = ReadBytes(labelsPath, LabelsMagic, "uint8 labels (n)");
        if (imageShape[0] != labelShape[0])
            throw new DataFormatException(imagesPath, null, $"holds {imageShape[0]} images but {labelsPath} holds {labelShape[0]} labels");

        var labels = new int[labelBytes.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labelBytes[i] >= classCount)
                throw new DataFormatException(labelsPath, null, $"label {labelBytes[i]} of item {i} is out of range [0, {classCount})");
            labels[i] = labelBytes[i];
        }
        var features = new float[pixels.Length];
        for (int i = 0; i < features.Length; i++) features[i] = pixels[i] * scale;
        var flat = new Dataset(features, labels, imageShape[1] * imageShape[2], classCount);
        return asImages ? flat.Reshape(imageShape[1], imageShape[2], 1) : flat;
    }

    // Reads one IDX file of unsigned bytes: checks the magic, the dimensions and that the data is exactly as long as they say.
    private static (byte[] Data, int[] Shape) ReadBytes(string path, int expectedMagic, string expectedKind)
    {
        using var stream = DataFile.OpenRead(path);
        int dimensions = expectedMagic & 0xFF;
        Span<byte> header = stackalloc byte[4 + 4 * dimensions];
        int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read < 4)
            throw new DataFormatException(path, null, $"truncated: {read} bytes, too short for an IDX magic number");
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expectedMagic)
            throw new DataFormatException(path, null, $"bad magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} ({expectedKind})");
        if (read < header.Length)
            throw new DataFormatException(path, null, $"truncated: the header needs {header.Length} bytes, the file has {read}");

        var shape = new int[dimensions];
        long length = 1;
        for (int d = 0; d < dimensions; d++)
        {
            shape[d] = BinaryPrimitives.ReadInt32BigEndian(header[(4 + 4 * d)..]);
            if (shape[d] <= 0)
                throw new DataFormatException(path, null, $"dimension {d} is {shape[d]}; dimensions must be positive");
            length *= shape[d];
        }
        if (length > Array.MaxLength)
            throw new DataFormatException(path, null, $"dimensions ({string.Join(", ", shape)}) are too large to load");

        var data = new byte[length];
        read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (read < data.Length)
            throw new DataFormatException(path, null, $"truncated: dimensions ({string.Join(", ", shape)}) need {data.Length} data bytes, the file has {read}");
        if (stream.ReadByte() >= 0)
            throw new DataFormatException(path, null, $"has extra bytes after the {data.Length} data bytes of dimensions ({string.Join(", ", shape)})");
        return (data, shape);
    }
}
