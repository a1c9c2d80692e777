using System.Reflection;

namespace MiniNet.Tests.Samples;

/// <summary>Runs a sample's entry point in this process, as `dotnet run` would run it, and captures what it prints.</summary>
internal static class SampleRunner
{
    /// <summary>Runs the sample assembly <paramref name="assemblyName"/> with <paramref name="args"/>, with the repository root as
    /// the working folder; returns its exit code (0 for a sample that returns nothing) and its standard output.</summary>
    public static (int ExitCode, string Output) Run(string assemblyName, params string[] args)
    {
        var (exitCode, output, _) = RunWithErrors(assemblyName, args);
        return (exitCode, output);
    }

    /// <summary>As <see cref="Run"/>, and also captures what the sample writes to standard error.</summary>
    public static (int ExitCode, string Output, string Error) RunWithErrors(string assemblyName, params string[] args) =>
        RunIn(RepositoryRoot.Path, assemblyName, args);

    /// <summary>Runs the sample as <see cref="RunWithErrors"/> does, from <paramref name="workingDirectory"/>.</summary>
    public static (int ExitCode, string Output, string Error) RunIn(string workingDirectory, string assemblyName, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (previousOut, previousError) = (Console.Out, Console.Error);
        string previousDirectory = Directory.GetCurrentDirectory();
        try
        {
            Console.SetOut(output);
            Console.SetError(error);
            Directory.SetCurrentDirectory(workingDirectory);
            object? exitCode = Assembly.Load(assemblyName).EntryPoint!.Invoke(null, [args]);
            return (exitCode is int code ? code : 0, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
            Directory.SetCurrentDirectory(previousDirectory);
        }
    }
}
