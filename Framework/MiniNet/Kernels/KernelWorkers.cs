using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace MiniNet.Kernels;

/// <summary>
/// Runs the parts of one kernel call on the calling thread and a few dedicated worker threads. A matrix multiply of a training
/// step takes a few to a hundred microseconds, about what a thread-pool hand-off costs, so the workers spin for a short while
/// after each call (the next call usually comes within that window) and only then sleep. Part p runs on thread p (the caller
/// is thread 0) whenever that thread is free in time, so a kernel that splits the same matrix the same way finds its part still
/// in the core's own cache from the previous call: on a machine whose cores do not share a cache, fetching a dirty half of a
/// weight matrix from the other core costs more than computing it. A thread that has run its own part takes any part nobody
/// has claimed yet, so a worker that is slow to wake costs little. Each part is a fixed block of the output, so which thread
/// runs it never changes the result.
/// </summary>
/// <remarks>
/// Measured on two Zen 4 cores against <c>Parallel.For</c> with two parts: a 64×128×64 multiply takes 7.7 µs here and 10.9 µs
/// there, 16×64×64 takes 1.9 µs and 4.8 µs; after a 1 ms pause (worker asleep) the first call costs at most ~8 µs more than
/// on one thread here, 40-60 µs more there.
/// </remarks>
internal static unsafe class KernelWorkers
{
    /// <summary>How long an idle worker spins before sleeping: a few typical calls long.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5_000;

    /// <summary>How long a wait spins on the pause instruction alone before it starts yielding the core (see <see cref="Pause"/>).</summary>
    private static readonly long PauseTicks = Stopwatch.Frequency / 20_000;

    /// <summary>1 while a call uses the workers. One call at a time does; a concurrent caller runs its parts alone. (A flag,
    /// not a lock, so that it is not re-entrant.)</summary>
    private static int _busy;
    private static readonly object SleepGate = new();
    private static int _workerCount;

    /// <summary>The current call's number; workers wait for it to change.</summary>
    private static int _generation;

    /// <summary>Per part, the number of the call that claimed it last. Before a call is published its parts are set to its
    /// number minus one and every other slot to its number (claimed); claiming moves a part from the first to the second, so a
    /// worker still holding an older number can never claim a part of a newer call.</summary>
    private static int[] _claims = new int[1];
    private static int _parts;
    private static int _pending;
    private static int _sleepers;
    private static delegate*<void*, int, void> _body;
    private static void* _state;
    private static Exception? _failure;

    /// <summary>Below this many elements an element-wise pass runs on one thread: a second one costs more than it saves.</summary>
    private const int MinimumElementsPerPart = 16 * 1024;

    /// <summary>How many parts an element-wise pass over <paramref name="length"/> elements is cut into: one per thread, as
    /// long as each gets <see cref="MinimumElementsPerPart"/>.</summary>
    public static int ElementwiseParts(int length) => Math.Clamp(length / MinimumElementsPerPart, 1, Engine.Threads);

    /// <summary>The contiguous range part <paramref name="part"/> of <paramref name="parts"/> covers in an element-wise pass
    /// over <paramref name="length"/> elements. Boundaries are multiples of 64 elements, so every part but the last runs
    /// whole vectors and no cache line is written by two threads; for a weight matrix the parts are then (nearly) the row
    /// bands the matrix multiply gives the same threads, so each thread finds its band in its own core's cache.</summary>
    public static (int Start, int Length) ElementwiseRange(int length, int parts, int part)
    {
        int chunk = ((length + parts - 1) / parts + 63) & ~63;
        int start = Math.Min(part * chunk, length);
        return (start, Math.Min(chunk, length - start));
    }

    /// <summary>How many bands a pass over <paramref name="count"/> rows (or columns) of <paramref name="length"/> elements in
    /// all is cut into: <see cref="ElementwiseParts"/>, but never more than there are rows.</summary>
    public static int BandParts(int length, int count) => Math.Min(ElementwiseParts(length), Math.Max(count, 1));

    /// <summary>The rows [Start, End) band <paramref name="part"/> of <paramref name="parts"/> covers: contiguous, as even as
    /// <paramref name="count"/> rows allow. A pass whose rows are independent gets the same bits however it is cut.</summary>
    public static (int Start, int End) Band(int count, int parts, int part) =>
        ((int)((long)count * part / parts), (int)((long)count * (part + 1) / parts));

    /// <summary>How many bands of columns a pass over rows of <paramref name="columns"/> (<paramref name="length"/> elements in
    /// all) is cut into: <see cref="ElementwiseParts"/>, but each band at least a cache line (16 floats) wide.</summary>
    public static int ColumnParts(int length, int columns) => Math.Min(ElementwiseParts(length), Math.Max(1, columns / 16));

    /// <summary>The columns [Start, End) band <paramref name="part"/> of <paramref name="parts"/> covers in rows of
    /// <paramref name="columns"/>: whole cache lines of 16 floats, so no line is written by two threads. A pass that goes down
    /// each column in row order gets the same bits however it is cut.</summary>
    public static (int Start, int End) ColumnBand(int columns, int parts, int part)
    {
        int lines = (columns + 15) / 16;
        return (Math.Min(columns, lines * part / parts * 16), Math.Min(columns, lines * (part + 1) / parts * 16));
    }

    /// <summary>The widest band of columns whose running sums a kernel keeps on its own thread's stack (a few kilobytes).</summary>
    public const int StackColumns = 512;

    /// <summary>Waits a moment between looks at a flag another thread will set: with the processor's pause instruction until
    /// <paramref name="pauseUntil"/>, then by yielding the core, so a waiter does not starve a thread that has work (if the two
    /// share a core). A yield is a system call, and one in progress when the flag changes delays the waiter by its length
    /// (several microseconds in a virtual machine), which is why the first, usual, short waits only pause.</summary>
    private static void Pause(ref SpinWait spinner, long pauseUntil)
    {
        if (Stopwatch.GetTimestamp() < pauseUntil) Thread.SpinWait(8);
        else spinner.SpinOnce(sleep1Threshold: -1);
    }

    /// <summary>Calls <paramref name="body"/>(<paramref name="state"/>, part) for every part in [0, <paramref name="parts"/>),
    /// spread over the caller and up to <paramref name="parts"/> - 1 workers; returns when all are done. <paramref name="state"/>
    /// must stay valid until then (the caller's stack is fine).</summary>
    public static void Run(int parts, delegate*<void*, int, void> body, void* state)
    {
        if (parts > 1 && Interlocked.CompareExchange(ref _busy, 1, 0) == 0)
        {
            try
            {
                RunShared(parts, body, state);
            }
            finally
            {
                Volatile.Write(ref _busy, 0);
            }
            return;
        }
        for (int part = 0; part < parts; part++) body(state, part);
    }

    private static void RunShared(int parts, delegate*<void*, int, void> body, void* state)
    {
        int generation = _generation + 1;
        for (; _workerCount < parts - 1; _workerCount++)
        {
            int thread = _workerCount + 1, seen = generation - 1;
            new Thread(() => Work(thread, seen)) { IsBackground = true, Name = $"MiniNet kernel worker {thread}" }.Start();
        }
        // A grown array is filled before it is published, so no worker ever sees a slot it could claim by mistake.
        var claims = _claims.Length < parts ? new int[parts] : _claims;
        for (int part = 0; part < claims.Length; part++) claims[part] = part < parts ? generation - 1 : generation;
        _claims = claims;
        _body = body;
        _state = state;
        _parts = parts;
        _failure = null;
        Volatile.Write(ref _pending, parts);
        Interlocked.Exchange(ref _generation, generation);
        if (Volatile.Read(ref _sleepers) > 0)
            lock (SleepGate) Monitor.PulseAll(SleepGate);

        RunParts(0, generation);
        long pauseUntil = Stopwatch.GetTimestamp() + PauseTicks;
        var spinner = new SpinWait();
        while (Volatile.Read(ref _pending) > 0) Pause(ref spinner, pauseUntil);
        if (_failure != null) ExceptionDispatchInfo.Throw(_failure);
    }

    /// <summary>Runs part <paramref name="thread"/> of call <paramref name="generation"/> if it is still unclaimed, then every
    /// other part nobody has claimed yet.</summary>
    private static void RunParts(int thread, int generation)
    {
        int parts = _parts;
        if (thread < parts) TryRun(thread, generation);
        for (int part = 0; part < parts; part++) TryRun(part, generation);
    }

    private static void TryRun(int part, int generation)
    {
        var claims = _claims;
        if (part >= claims.Length || Interlocked.CompareExchange(ref claims[part], generation, generation - 1) != generation - 1)
            return;
        try
        {
            _body(_state, part);
        }
        catch (Exception exception)
        {
            _failure ??= exception;
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    private static void Work(int thread, int seen)
    {
        while (true)
        {
            seen = WaitForCall(seen);
            RunParts(thread, seen);
        }
    }

    /// <summary>Spins until a call newer than <paramref name="seen"/> is published, sleeping once the spin window is over;
    /// returns its number.</summary>
    private static int WaitForCall(int seen)
    {
        long now = Stopwatch.GetTimestamp(), pauseUntil = now + PauseTicks, deadline = now + SpinTicks;
        var spinner = new SpinWait();
        while (Volatile.Read(ref _generation) == seen)
        {
            if (Stopwatch.GetTimestamp() < deadline)
            {
                Pause(ref spinner, pauseUntil);
                continue;
            }
            lock (SleepGate)
            {
                // Announce the sleep before the last look at the call number: the caller publishes the number before it reads
                // the sleeper count, so one of the two always sees the other (both are full fences).
                Interlocked.Increment(ref _sleepers);
                while (Volatile.Read(ref _generation) == seen) Monitor.Wait(SleepGate);
                Interlocked.Decrement(ref _sleepers);
            }
        }
        return Volatile.Read(ref _generation);
    }
}
