using System.Diagnostics;

namespace MiniNet.Package.Tests;

/// <summary>Runs the dotnet CLI as a user would, failing the test with the command's output when it fails.</summary>
internal static class DotnetCli
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c> in <paramref name="folder"/> and returns what it printed.</summary>
    public static string Run(string folder, params string[] arguments) => Run(folder, expectedExitCode: 0, arguments);

    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c> in <paramref name="folder"/>, failing the test unless it exits
    /// with <paramref name="expectedExitCode"/>, and returns what it printed.</summary>
    public static string Run(string folder, int expectedExitCode, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        // Under `dotnet test` the MSBuild that launched the test host leaves its settings in the environment; a nested
        // build must not inherit them.
        foreach (string name in start.Environment.Keys.Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} took more than {Limit.TotalMinutes} minutes");
        }
        process.WaitForExit();
        string printed = output.Result + errors.Result;
        TestContext.Progress.WriteLine($"dotnet {arguments[0]}: {clock.Elapsed.TotalSeconds:F1} s");
        Assert.That(process.ExitCode, Is.EqualTo(expectedExitCode), $"dotnet {string.Join(' ', arguments)}:{Environment.NewLine}{printed}");
        return printed;
    }
}
