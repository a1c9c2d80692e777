using System.Buffers.Binary;
using System.IO.Compression;

namespace MiniNet.Data;

/// <summary>Opens data files for reading, decompressing them when they start with the gzip magic bytes (1F 8B),
/// whatever their extension.</summary>
internal static class DataFile
{
    /// <summary>A readable stream of the file's content; a gzip file is decompressed whole into memory and checked
    /// against the length its trailer records.</summary>
    /// <exception cref="DataFormatException">The gzip data is corrupt or truncated.</exception>
    public static Stream OpenRead(string path)
    {
        var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        int read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        if (read < 2 || magic[0] != 0x1F || magic[1] != 0x8B) return file;
        using (file)
        {
            try
            {
                return Decompress(file);
            }
            catch (InvalidDataException error)
            {
                throw new DataFormatException(path, null, $"corrupt gzip data ({error.Message})", error);
            }
        }
    }

    // GZipStream stops without an error where a truncated file ends, which would silently drop the rest of a CSV file.
    // The last 4 bytes of a gzip file are its decompressed length modulo 2^32 (RFC 1952), so a cut file shows a mismatch.
    // (A file of several concatenated gzip members records only the last member's length, so it is reported as corrupt.)
    private static MemoryStream Decompress(FileStream file)
    {
        Span<byte> trailer = stackalloc byte[4];
        file.Seek(-Math.Min(4, file.Length), SeekOrigin.End);
        file.ReadAtLeast(trailer, 4, throwOnEndOfStream: false);
        uint recordedLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        file.Position = 0;

        var content = new MemoryStream();
        using (var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true)) gzip.CopyTo(content);
        if ((uint)content.Length != recordedLength)
            throw new InvalidDataException($"truncated: {content.Length} bytes decompressed, the gzip trailer records {recordedLength} (mod 2^32)");
        content.Position = 0;
        return content;
    }
}
