using System.Diagnostics;
using System.Reflection;
using MiniNet.Models;

namespace MnistLite;

/// <summary>The one-line warning for a MiniNet built without optimisation (a Debug build), which trains about 10 times slower.</summary>
public static class DebugBuildWarning
{
    /// <summary>Writes the warning (to standard output, the first line of the run's report) if MiniNet's assembly has the JIT optimiser disabled, as a Debug build does.</summary>
    public static void WriteIfMiniNetIsNotOptimised()
    {
        if (typeof(Sequential).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
            Console.WriteLine("warning: MiniNet is a Debug build here, which trains about 10 times slower; run with -c Release");
    }
}
