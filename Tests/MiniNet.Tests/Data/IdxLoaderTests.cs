using System.Buffers.Binary;
using MiniNet.Data;

namespace MiniNet.Tests.Data;

public class IdxLoaderTests
{
    private TempFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    // An IDX file: big-endian int32 magic and dimensions, then the bytes.
    private static byte[] Idx(int magic, int[] dimensions, byte[] data)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < dimensions.Length; d++)
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dimensions[d]);
        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    // Three 2×2 images and their labels.
    private static readonly byte[] Images = Idx(0x803, [3, 2, 2], [0, 51, 102, 255, 1, 2, 3, 4, 255, 255, 0, 0]);
    private static readonly byte[] Labels = Idx(0x801, [3], [7, 0, 9]);

    [Test]
    public void Load_PlainFiles_FlattensEachImageAndScales()
    {
        var data = IdxLoader.Load(_folder.Write("images", Images), _folder.Write("labels", Labels), scale: 1f / 255, classCount: 10);

        Assert.That(data.Count, Is.EqualTo(3));
        Assert.That(data.FeatureCount, Is.EqualTo(4));
        Assert.That(data.Labels.ToArray(), Is.EqualTo(new[] { 7, 0, 9 }));
        Assert.That(data.Row(0).ToArray(), Is.EqualTo(new[] { 0f, 0.2f, 0.4f, 1f }).Within(1e-7f));
        Assert.That(data.Row(2).ToArray(), Is.EqualTo(new[] { 1f, 1f, 0f, 0f }));
    }

    [Test]
    public void Load_AsImages_GivesEachExampleTheShapeRowsColsOne_WithTheSameValues()
    {
        var flat = IdxLoader.Load(_folder.Write("images", Images), _folder.Write("labels", Labels));
        var images = IdxLoader.Load(_folder.Write("images2", Images), _folder.Write("labels2", Labels), asImages: true);

        Assert.That(images.FeatureShape, Is.EqualTo(new[] { 2, 2, 1 }));
        Assert.That(images.Features.ToArray(), Is.EqualTo(flat.Features.ToArray()), "row by row, channels last");
        Assert.That(images.Labels.ToArray(), Is.EqualTo(new[] { 7, 0, 9 }));
    }

    [Test]
    public void Load_GzipFiles_GiveTheSameDataset()
    {
        var plain = IdxLoader.Load(_folder.Write("images", Images), _folder.Write("labels", Labels));
        var zipped = IdxLoader.Load(_folder.Write("images.gz", Images, gzip: true), _folder.Write("labels.gz", Labels, gzip: true));

        Assert.That(zipped.Features.ToArray(), Is.EqualTo(plain.Features.ToArray()));
        Assert.That(zipped.Labels.ToArray(), Is.EqualTo(plain.Labels.ToArray()));
        Assert.That(plain.Row(1).ToArray(), Is.EqualTo(new[] { 1f, 2f, 3f, 4f }));
    }

    [Test]
    public void Load_FilesSwapped_ReportsTheBadMagicNumber()
    {
        string images = _folder.Write("images", Images), labels = _folder.Write("labels", Labels);

        var error = Assert.Throws<DataFormatException>(() => IdxLoader.Load(labels, images))!;

        Assert.That(error.Message, Is.EqualTo($"{labels}: bad magic number 0x00000801, expected 0x00000803 (uint8 images (n, rows, cols))"));
    }

    [Test]
    public void Load_TruncatedImages_NamesTheFileAndTheShortfall()
    {
        string images = _folder.Write("images", Images[..^1]);

        var error = Assert.Throws<DataFormatException>(() => IdxLoader.Load(images, _folder.Write("labels", Labels)))!;

        Assert.That(error.Message, Is.EqualTo($"{images}: truncated: dimensions (3, 2, 2) need 12 data bytes, the file has 11"));
    }

    [Test]
    public void Load_TruncatedHeader_NamesTheFile()
    {
        string labels = _folder.Write("labels", Labels[..6]);

        var error = Assert.Throws<DataFormatException>(() => IdxLoader.Load(_folder.Write("images", Images), labels))!;

        Assert.That(error.Message, Is.EqualTo($"{labels}: truncated: the header needs 8 bytes, the file has 6"));
    }

    [Test]
    public void Load_ExtraBytes_AreAnErrorNotIgnored()
    {
        string labels = _folder.Write("labels", [.. Labels, 5]);

        var error = Assert.Throws<DataFormatException>(() => IdxLoader.Load(_folder.Write("images", Images), labels))!;

        Assert.That(error.Message, Is.EqualTo($"{labels}: has extra bytes after the 3 data bytes of dimensions (3)"));
    }

    [Test]
    public void Load_CountsOfImagesAndLabelsDiffer_NamesBoth()
    {
        string images = _folder.Write("images", Images), labels = _folder.Write("labels", Idx(0x801, [2], [1, 2]));

        var error = Assert.Throws<DataFormatException>(() => IdxLoader.Load(images, labels))!;

        Assert.That(error.Message, Is.EqualTo($"{images}: holds 3 images but {labels} holds 2 labels"));
    }

    [Test]
    public void Load_LabelAtOrAboveClassCount_IsOutOfRange()
    {
        string labels = _folder.Write("labels", Labels);

        var error = Assert.Throws<DataFormatException>(() => IdxLoader.Load(_folder.Write("images", Images), labels, classCount: 9))!;

        Assert.That(error.Message, Is.EqualTo($"{labels}: label 9 of item 2 is out of range [0, 9)"));
    }

    [Test]
    public void Load_ZeroImages_IsAnError()
    {
        string images = _folder.Write("images", Idx(0x803, [0, 2, 2], []));

        var error = Assert.Throws<DataFormatException>(() => IdxLoader.Load(images, _folder.Write("labels", Idx(0x801, [0], []))))!;

        Assert.That(error.Message, Is.EqualTo($"{images}: dimension 0 is 0; dimensions must be positive"));
    }

    [Test]
    public void Load_TruncatedGzip_NamesTheFile()
    {
        byte[] zipped = File.ReadAllBytes(_folder.Write("whole.gz", Images, gzip: true));
        string images = _folder.Write("images.gz", zipped[..^4]);

        var error = Assert.Throws<DataFormatException>(() => IdxLoader.Load(images, _folder.Write("labels", Labels)))!;

        Assert.That(error.Message, Does.StartWith($"{images}: corrupt gzip data"));
    }
}
