using System.Diagnostics;
using System.Reflection;

namespace MiniNet.Kernels;

/// <summary>
/// Whether this MiniNet was compiled with optimisation. A Debug build (what <c>dotnet run</c>, <c>dotnet build</c> and a
/// <c>dotnet run x.cs</c> script make without <c>-c Release</c>) compiles the kernels without the JIT optimiser and trains
/// about 10 times slower, with the same results. <c>Fit</c> warns once per process, on standard error, as TensorFlow logs
/// its build warnings.
/// </summary>
public static class DebugBuild
{
    /// <summary>The warning's text.</summary>
    public const string Warning = "warning: MiniNet is a Debug build here, which trains about 10 times slower; run with -c Release (dotnet run -c Release ...)";

    private static int _warned;

    /// <summary>True when MiniNet's assembly has the JIT optimiser disabled, as a Debug build does.</summary>
    public static bool IsMiniNet { get; } =
        typeof(DebugBuild).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true;

    /// <summary>Writes <see cref="Warning"/> to <paramref name="writer"/> if MiniNet is a Debug build and no call has written it
    /// yet in this process; a sample that warns first, on its own output, keeps <c>Fit</c> from warning again.</summary>
    public static void WarnOnce(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (IsMiniNet && Interlocked.Exchange(ref _warned, 1) == 0) writer.WriteLine(Warning);
    }
}
