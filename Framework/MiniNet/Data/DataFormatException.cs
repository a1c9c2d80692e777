namespace MiniNet.Data;

/// <summary>
/// A data file is malformed. The message names the file, the line (1-based, counting a CSV header) when there is one,
/// and what is wrong, e.g. <c>data/train.csv, line 7: expected 785 columns (as in the header), found 784</c>.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>A malformed <paramref name="path"/>: <paramref name="problem"/>, at <paramref name="line"/> if there is one.</summary>
    public DataFormatException(string path, int? line, string problem, Exception? innerException = null)
        : base(line is null ? $"{path}: {problem}" : $"{path}, line {line}: {problem}", innerException)
    {
        Path = path;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file, as the caller named it.</summary>
    public string Path { get; }

    /// <summary>The 1-based line of a text file (the header is line 1), or null for binary files and whole-file problems.</summary>
    public int? Line { get; }

    /// <summary>What is wrong, without the file and line.</summary>
    public string Problem { get; }
}
