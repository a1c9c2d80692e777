namespace MiniNet.Checkpoints;

/// <summary>
/// A checkpoint cannot be written, or cannot be loaded into the given model and optimizer. The message names the file and
/// what is wrong, e.g. <c>checkpoint runs/ck.bin: tensor 'dense_0/kernel' is (784,128) float32 in the file but (784,64)
/// float32 in the model</c>.
/// </summary>
public sealed class CheckpointException : Exception
{
    /// <summary>A problem with the checkpoint at <paramref name="path"/>.</summary>
    /// <param name="path">The file, as the caller named it.</param>
    /// <param name="problem">What is wrong, without the file.</param>
    /// <param name="innerException">The error that revealed it, if any.</param>
    public CheckpointException(string path, string problem, Exception? innerException = null)
        : base($"checkpoint {path}: {problem}", innerException)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file, as the caller named it.</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the file.</summary>
    public string Problem { get; }
}
