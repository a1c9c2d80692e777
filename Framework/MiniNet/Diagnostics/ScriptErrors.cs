using MiniNet.Checkpoints;
using MiniNet.Data;
using MiniNet.Training;

namespace MiniNet.Diagnostics;

/// <summary>
/// For a script or a small program: an error its user can cause (a missing or malformed file, an extreme value, a bad
/// argument, a path that cannot be written, a run that diverges, a checkpoint that does not fit) ends it with one line,
/// <c>error: ...</c>, on standard error and exit code 1, as the samples do, instead of an unhandled exception's stack trace.
/// Any other exception is a bug and keeps its stack trace. One line at the top of the script:
/// <c>ScriptErrors.ReportAsOneLine();</c>
/// </summary>
public static class ScriptErrors
{
    private static int _installed;

    /// <summary>From now on, an unhandled exception a user can cause (<see cref="IsUserCaused"/>) is reported as one line
    /// and ends the process with exit code 1. Calling it again changes nothing.</summary>
    public static void ReportAsOneLine()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return;
        AppDomain.CurrentDomain.UnhandledException += (_, unhandled) =>
        {
            if (unhandled.ExceptionObject is not Exception error || !IsUserCaused(error)) return;
            Console.Error.WriteLine($"error: {Describe(error)}");
            Environment.Exit(1);
        };
    }

    /// <summary>Whether <paramref name="error"/> is one a user can cause by what they give a program, rather than a bug.</summary>
    public static bool IsUserCaused(Exception error) => error is IOException or UnauthorizedAccessException or DataFormatException
        or ArgumentException or FormatException or InvalidOperationException or TrainingDivergedException or CheckpointException
        or NotSupportedException or KeyNotFoundException;

    /// <summary>The error's message without .NET's " (Parameter 'x')" suffix, which names a C# parameter that the user of a
    /// command never saw.</summary>
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error is ArgumentException { ParamName: { } name } ? error.Message.Replace($" (Parameter '{name}')", "") : error.Message;
    }
}
