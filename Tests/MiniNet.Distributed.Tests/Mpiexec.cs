using System.Diagnostics;
using MiniNet.Tests;

namespace MiniNet.Distributed.Tests;

/// <summary>Runs a program of this test folder (the MnistLite sample, the test worker) as N ranks under MPICH's mpiexec, or
/// alone, and captures what it prints. A test calls <see cref="RequireMpich"/> first, so that without MPICH it reports
/// itself skipped, with the command that installs it, rather than passed.</summary>
internal static class Mpiexec
{
    /// <summary>MPICH's launcher, as Debian's package mpich names it.</summary>
    public const string Launcher = "mpiexec.mpich";

    /// <summary>How long a run may take before the test calls it hung, kills it and fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>What a run did: its exit code, standard output and error, and how long it took.</summary>
    public sealed record Result(int ExitCode, string Output, string Error, double Seconds);

    /// <summary>Marks the test skipped, naming the install command, when MPICH's launcher is not on the PATH.</summary>
    public static void RequireMpich()
    {
        bool installed = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, Launcher)));
        if (!installed) Assert.Ignore($"MPICH is not installed: {MpiProcessGroup.InstallHint}");
    }

    /// <summary>Runs <paramref name="program"/> (an assembly of the test folder, e.g. "MnistLite.dll") as
    /// <paramref name="ranks"/> ranks, from the repository root.</summary>
    public static Result Run(int ranks, string program, params string[] arguments) =>
        Start(Launcher, ["-n", ranks.ToString(), "dotnet", Path.Combine(AppContext.BaseDirectory, program), .. arguments]);

    /// <summary>Runs <paramref name="program"/> as one ordinary process, without mpiexec.</summary>
    public static Result RunAlone(string program, params string[] arguments) =>
        Start("dotnet", [Path.Combine(AppContext.BaseDirectory, program), .. arguments]);

    private static Result Start(string command, string[] arguments)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Patience))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{command} {string.Join(' ', arguments)} did not end within {Patience.TotalSeconds} s: a rank hangs");
        }
        return new Result(process.ExitCode, output.Result, error.Result, clock.Elapsed.TotalSeconds);
    }
}
