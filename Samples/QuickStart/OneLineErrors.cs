using System.Runtime.CompilerServices;
using MiniNet.Diagnostics;

// Program.cs is README's script line for line, so the one line that turns a user's error (a data file not found, say)
// into "error: ..." and exit code 1 instead of a stack trace runs here, as the program's assembly loads.
internal static class OneLineErrors
{
    [ModuleInitializer]
    internal static void Install() => ScriptErrors.ReportAsOneLine();
}
