using System.Reflection;

namespace MiniNet.Tests.Samples;

/// <summary>Runs a sample's entry point in this process, as `dotnet run` would run it, and captures what it prints.</summary>
internal static class SampleRunner
{
    /// <summary>Runs the sample assembly <paramref name="assemblyName"/> with <paramref name="args"/>, with the repository root as
    /// the working folder; returns its exit code (0 for a sample that returns nothing) and its standard output.</summary>
    public static (int ExitCode, string Output) Run(string assemblyName, params string[] args)
    {
        var output = new StringWriter();
        var previousOut = Console.Out;
        string previousDirectory = Directory.GetCurrentDirectory();
        try
        {
            Console.SetOut(output);
            Directory.SetCurrentDirectory(RepositoryRoot.Path);
            object? exitCode = Assembly.Load(assemblyName).EntryPoint!.Invoke(null, [args]);
            return (exitCode is int code ? code : 0, output.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Directory.SetCurrentDirectory(previousDirectory);
        }
    }
}
