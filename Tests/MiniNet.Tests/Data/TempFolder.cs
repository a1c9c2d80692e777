using System.IO.Compression;
using System.Text;

namespace MiniNet.Tests.Data;

/// <summary>A fresh folder under the system's temp folder for files a test writes; deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mininet-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="bytes"/> to a file named <paramref name="name"/>, gzip-compressed if asked; returns its path.</summary>
    public string Write(string name, byte[] bytes, bool gzip = false)
    {
        string path = System.IO.Path.Combine(Path, name);
        using var file = File.Create(path);
        if (gzip)
        {
            using var compressed = new GZipStream(file, CompressionLevel.Optimal);
            compressed.Write(bytes);
        }
        else file.Write(bytes);
        return path;
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8.</summary>
    public string Write(string name, string text, bool gzip = false) => Write(name, Encoding.UTF8.GetBytes(text), gzip);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
