using MiniNet.Data;
using MiniNet.Diagnostics;
using MiniNet.Training;

namespace MiniNet.Samples;

/// <summary>How a sample ends on an error: one line, <c>error: ...</c>, on standard error and exit code 1 (2 for a usage
/// error, which the sample prints with its usage), never a stack trace for something a user can cause. Linked into every
/// sample that trains.</summary>
internal static class SampleErrors
{
    /// <summary>The option that accepts extreme values, in a sample that has one: the library's hint (a C# argument) is
    /// said as that option.</summary>
    public static string? AcceptExtremeValuesOption { get; set; }

    /// <summary>Reads the sample's options with <paramref name="parse"/>; a bad option or value (a <see cref="FormatException"/>)
    /// prints one <c>error: ...</c> line and the usage, and gives false (the sample then exits with code 2).</summary>
    public static bool TryParseOptions<TOptions>(Func<TOptions> parse, string usage, out TOptions options)
    {
        try
        {
            options = parse();
            return true;
        }
        catch (FormatException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine(usage);
            options = default!;
            return false;
        }
    }

    /// <summary>Runs the sample's body and returns its exit code; an exception a user can cause (a file, a value, a path, a
    /// run that diverges) becomes one line and exit code 1. Any other is a bug, and keeps its stack trace for the report.</summary>
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception error) when (ScriptErrors.IsUserCaused(error))
        {
            Console.Error.WriteLine($"error: {Describe(error)}");
            return 1;
        }
    }

    /// <summary>The error's message without .NET's " (Parameter 'x')" suffix (<see cref="ScriptErrors.Describe"/>), with the
    /// library's hint for extreme values said as this sample's option.</summary>
    public static string Describe(Exception error)
    {
        string message = ScriptErrors.Describe(error);
        return AcceptExtremeValuesOption == null ? message : message.Replace("pass acceptExtremeValues: true", $"add {AcceptExtremeValuesOption}");
    }

    /// <summary>A divergence, said as the data's fault when the data holds values accepted as extreme.</summary>
    public static string Diverged(TrainingDivergedException error, IReadOnlyList<ExtremeValue> accepted) => accepted.Count == 0 ? error.Message
        : $"training diverged at epoch {error.Epoch}, batch {error.Batch}: loss {error.Loss}; the cause is likely in the data, which holds " +
          $"{accepted.Count} extreme value(s) accepted with --accept-extreme-values, the first: {accepted[0]}";
}
