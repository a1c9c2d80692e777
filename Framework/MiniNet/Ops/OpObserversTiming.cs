using System.Diagnostics;

namespace MiniNet.Ops;

// The timers told of every op's passes on this thread. With none, an op reads one thread-static field per pass and nothing else.
public static partial class OpObservers
{
    [ThreadStatic] private static List<IOpTimer>? t_timers;

    /// <summary>Starts telling <paramref name="timer"/> when every op's forward and backward pass on this thread starts and ends.</summary>
    public static void AddTimer(IOpTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        (t_timers ??= []).Add(timer);
    }

    /// <summary>Stops telling <paramref name="timer"/> of ops.</summary>
    public static void RemoveTimer(IOpTimer timer)
    {
        if (t_timers == null) return;
        t_timers.Remove(timer);
        if (t_timers.Count == 0) t_timers = null;
    }

    internal static long TimerClock() => t_timers == null ? 0 : Stopwatch.GetTimestamp();

    private static void TimeForward(Op op, long started)
    {
        var timers = t_timers;
        if (timers == null) return;
        for (int i = 0; i < timers.Count; i++) timers[i].OnForward(op, started);
    }

    internal static void Backward(Op op, IGradientSink gradients, long started)
    {
        var timers = t_timers;
        if (timers == null) return;
        for (int i = 0; i < timers.Count; i++) timers[i].OnBackward(op, gradients, started);
    }
}
