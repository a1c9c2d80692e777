namespace MiniNet.Training;

// The callbacks a fit runs: the caller's, in order, plus an EpochLogger when verbose and nothing else reports.
public static partial class SequentialTraining
{
    private static Callback[] Hooks(IEnumerable<Callback>? callbacks, bool verbose)
    {
        var hooks = callbacks?.ToArray() ?? [];
        int missing = Array.IndexOf(hooks, null);
        if (missing >= 0) throw new ArgumentException($"fit: callback {missing} is null", nameof(callbacks));
        bool reports = hooks.Any(hook => hook is EpochLogger or ProgressDisplay);
        return verbose && !reports ? [.. hooks, new EpochLogger()] : hooks;
    }
}
