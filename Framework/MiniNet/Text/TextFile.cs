using MiniNet.Data;

namespace MiniNet.Text;

/// <summary>Reads the text a character-level model learns from (UTF-8), refusing an empty file by name.</summary>
public static class TextFile
{
    /// <summary>The whole text of <paramref name="path"/>, e.g. a book.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="DataFormatException">The file is empty.</exception>
    public static string Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text = File.ReadAllText(path);
        return text.Length > 0 ? text : throw new DataFormatException(path, null, "the text file is empty; a model needs text to learn from");
    }

    /// <summary>The non-empty lines of <paramref name="path"/> with their spaces trimmed, e.g. one name per line (makemore's
    /// <c>words</c>).</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="DataFormatException">The file has no non-empty line.</exception>
    public static string[] ReadLines(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var lines = File.ReadAllLines(path).Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();
        return lines.Length > 0 ? lines : throw new DataFormatException(path, null, "the text file is empty (no line holds a character); a model needs text to learn from");
    }
}
