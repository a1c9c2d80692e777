namespace MiniNet.Onnx.Tests;

/// <summary>Finds the repository's root folder, so tests can read files shipped with it (e.g. data/mnist-lite).</summary>
internal static class RepositoryRoot
{
    /// <summary>The nearest folder holding MiniNet.sln, walking up from the test assembly's folder.</summary>
    public static string Path
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
                if (File.Exists(System.IO.Path.Combine(folder.FullName, "MiniNet.sln")))
                    return folder.FullName;
            throw new DirectoryNotFoundException($"no folder above {AppContext.BaseDirectory} holds MiniNet.sln");
        }
    }
}
