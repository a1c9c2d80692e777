using MiniNet.Checkpoints;
using MiniNet.Data;
using MiniNet.Models;

namespace MiniNet.Samples;

/// <summary>Where a sample reads and writes: the shipped data found from any working directory, every output path checked
/// (its folder created) before the first training step, and a trained model kept when a write at the end fails. Linked
/// into every sample that trains, so all of them behave the same.</summary>
internal static class SampleFiles
{
    /// <summary>The path of a file shipped in the repository's data/ folder (e.g. "auto-mpg", "cars.csv"), found from the
    /// working directory or the program's folder upwards, so the sample runs from any folder.</summary>
    /// <exception cref="FileNotFoundException">Neither is inside a checkout that has it.</exception>
    public static string Shipped(params string[] parts)
    {
        string relative = Path.Combine(["data", .. parts]);
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder != null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, relative);
                if (File.Exists(candidate)) return candidate;
            }
        throw new FileNotFoundException($"{relative} not found in {Directory.GetCurrentDirectory()} or any folder above it; run from the repository or give the file's path");
    }

    /// <summary>Checks, before training, that <paramref name="path"/> (given with <paramref name="option"/>) can be written:
    /// creates its folder, as Keras's callbacks do, and writes and deletes a probe file there.</summary>
    /// <exception cref="IOException">The path is a folder, its folder cannot be created (a part of it is a file), or the folder
    /// cannot be written; the message names the option and the path.</exception>
    public static void PrepareOutput(string option, string? path)
    {
        if (path == null) return;
        if (string.IsNullOrWhiteSpace(path)) throw new IOException($"{option}: the path is empty");
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new IOException($"{option} {path}: that is a folder; give a file path");
        PrepareFolder(option, Path.GetDirectoryName(full)!, path);
    }

    /// <summary>As <see cref="PrepareOutput"/>, for a folder the sample writes files into.</summary>
    public static void PrepareFolder(string option, string folder, string? given = null)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new IOException($"{option}: the path is empty");
        try
        {
            for (var ancestor = new DirectoryInfo(Path.GetFullPath(folder)); ancestor != null; ancestor = ancestor.Parent)
                if (File.Exists(ancestor.FullName)) throw new IOException($"'{ancestor.FullName}' is a file, not a folder");
            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, $".write-test-{Environment.ProcessId}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{option} {given ?? folder}: cannot write there: {error.Message}", error);
        }
    }

    /// <summary>Runs <paramref name="write"/>, a write at the end of a run; if it fails, saves the trained model (with its
    /// encoding) in the temporary folder and throws an error naming both the failed write and where the model is.</summary>
    /// <exception cref="IOException">The write failed; the model is saved as the message says.</exception>
    public static void WriteOrKeepModel(Action write, string sample, Sequential model, TabularEncoding? encoding = null)
    {
        try
        {
            write();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or CheckpointException)
        {
            string kept = Path.Combine(Path.GetTempPath(), $"{sample}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.model");
            Checkpoint.SaveModel(kept, model, encoding);
            throw new IOException($"{error.Message}; the trained model is saved in {kept} (load it with Sequential.Load or Checkpoint.LoadModel)", error);
        }
    }
}
