using System.Diagnostics;
using MiniNet.Ops;
using MiniNet.Tensors;
using MiniNet.Training;

namespace MiniNet.Diagnostics;

/// <summary>
/// Shows where each epoch's training time goes, as torch.profiler's table does: <c>Fit(..., callbacks: [new Profiler()])</c>
/// prints after every epoch one row per op kind and pass (forward, backward) with its calls, total time, share of the epoch
/// and GFLOP/s for the products (<see cref="OpFlops"/>), then the time spent outside ops: before a step's first op (drawing
/// the batch, other callbacks), between ops (the tape, the layers' own code) and after its last op (the optimizer, metrics).
/// An op that runs other ops (a <see cref="CustomOp"/>'s backward) is charged its own time only, so the shares sum to 100 %.
/// Timing reads the clock twice per pass; without a profiler the ops do not read it. A hand-written loop (README's) calls
/// what <c>Fit</c> calls: <see cref="Begin"/> before the steps to profile, <see cref="EndStep"/> after each, <see cref="End"/>
/// after the last, which prints the table and returns it.
/// </summary>
/// <param name="output">Where to print each epoch's table; standard output by default, <see cref="TextWriter.Null"/> to only
/// keep <see cref="Epochs"/>.</param>
/// <param name="groupByShape">Tell ops of one kind apart by their inputs' and output's shapes as well, as torch.profiler's
/// <c>group_by_input_shape</c> does: a row is then, e.g., "matmul (12,64,128) x (128,512) -> (12,64,512)". Each op's
/// description is then formatted once per pass, after its time is taken.</param>
public sealed class Profiler(TextWriter? output = null, bool groupByShape = false) : Callback, IOpTimer
{
    /// <summary>The name of the time before a step's first op.</summary>
    public const string BeforeOps = "(before ops: batch, callbacks)";

    /// <summary>The name of the time between a step's ops.</summary>
    public const string BetweenOps = "(between ops: tape, layers)";

    /// <summary>The name of the time after a step's last op.</summary>
    public const string AfterOps = "(after ops: optimizer, metrics)";

    private sealed class Tally
    {
        public int Calls;
        public long Ticks;
        public long? Flops;
    }

    private readonly TextWriter _output = output ?? Console.Out;
    private readonly List<EpochProfile> _epochs = [];
    private readonly Dictionary<(string Name, ProfilePass Pass), Tally> _epoch = [];
    private readonly Dictionary<(string Name, ProfilePass Pass), Tally> _step = [];
    private readonly List<(long Start, long Ticks)> _stepOps = []; // the step's outermost ops so far, in order
    private long _epochStart, _stepStart;
    private int _steps;
    private bool _timing;

    /// <summary>The profiles of the epochs trained so far, in order.</summary>
    public IReadOnlyList<EpochProfile> Epochs => _epochs;

    /// <inheritdoc />
    public override void OnTrainBegin(FitState state) => StartTiming();

    /// <inheritdoc />
    public override void OnEpochBegin(FitState state) => Begin();

    /// <inheritdoc />
    public override void OnBatchEnd(FitState state, BatchResult batch) => EndStep();

    /// <inheritdoc />
    public override void OnEpochEnd(FitState state, EpochResult epoch) => Report(epoch.Epoch);

    /// <inheritdoc />
    public override void OnTrainEnd(FitState state, History history) => StopTiming();

    /// <summary>Starts a profile now (the time of the first step counts from here), timing this thread's ops from now on.</summary>
    public void Begin()
    {
        StartTiming();
        _epoch.Clear();
        _steps = 0;
        _epochStart = Stopwatch.GetTimestamp();
        BeginStep(_epochStart);
    }

    /// <summary>Ends a step: its ops, and the time before, between and after them, join the profile.</summary>
    public void EndStep()
    {
        long end = Stopwatch.GetTimestamp();
        long opTicks = 0;
        foreach (var op in _stepOps) opTicks += op.Ticks;
        long before = _stepOps.Count == 0 ? end - _stepStart : _stepOps[0].Start - _stepStart;
        long after = _stepOps.Count == 0 ? 0 : end - (_stepOps[^1].Start + _stepOps[^1].Ticks);
        AddOutside(BeforeOps, before);
        AddOutside(BetweenOps, end - _stepStart - before - after - opTicks);
        AddOutside(AfterOps, after);
        foreach (var (key, step) in _step)
        {
            if (step.Calls == 0) continue;
            if (!_epoch.TryGetValue(key, out var total)) _epoch[key] = total = new Tally();
            total.Calls += step.Calls;
            total.Ticks += step.Ticks;
            total.Flops = step.Flops is { } flops ? (total.Flops ?? 0) + flops : null;
        }
        _steps++;
        BeginStep(end);
    }

    /// <summary>Ends the profile begun by <see cref="Begin"/> at the last step's end, prints it, stops timing ops, and returns
    /// it (also kept in <see cref="Epochs"/>).</summary>
    /// <param name="number">The number it is shown with ("profile of epoch 1").</param>
    public EpochProfile End(int number = 1)
    {
        var profile = Report(number);
        StopTiming();
        return profile;
    }

    private EpochProfile Report(int number)
    {
        long ticks = _stepStart - _epochStart; // to the last step's end: validation, after it, is not the epoch's training
        double seconds = (double)ticks / Stopwatch.Frequency;
        var ops = _epoch.Where(kv => kv.Key.Pass != ProfilePass.Outside).OrderByDescending(kv => kv.Value.Ticks).Select(kv => kv.Key);
        var keys = ops.Concat(new[] { BeforeOps, BetweenOps, AfterOps }.Select(name => (Name: name, Pass: ProfilePass.Outside)));
        var rows = keys.Select(key => _epoch.GetValueOrDefault(key) is { } tally
            ? new ProfileRow(key.Name, key.Pass, tally.Calls, (double)tally.Ticks / Stopwatch.Frequency, ticks == 0 ? 0 : (double)tally.Ticks / ticks, tally.Flops)
            : new ProfileRow(key.Name, key.Pass, 0, 0, 0, null)).ToArray();
        var profile = new EpochProfile(number, _steps, seconds, rows);
        _epochs.Add(profile);
        _output.Write(profile.ToString());
        return profile;
    }

    private void StartTiming()
    {
        if (_timing) return;
        OpObservers.AddTimer(this);
        _timing = true;
    }

    private void StopTiming()
    {
        if (!_timing) return;
        OpObservers.RemoveTimer(this);
        _timing = false;
    }

    void IOpTimer.OnForward(Op op, long started) => Record(op, ProfilePass.Forward, started, OpFlops.Forward(op));

    void IOpTimer.OnBackward(Op op, IGradientSink gradients, long started) =>
        Record(op, ProfilePass.Backward, started, OpFlops.Backward(op, gradients.WantsGradient));

    private void Record(Op op, ProfilePass pass, long started, long? flops)
    {
        long ticks = Stopwatch.GetTimestamp() - started;
        long self = ticks;
        while (_stepOps.Count > 0 && _stepOps[^1].Start >= started) // ops run inside this one: their time is theirs
        {
            self -= _stepOps[^1].Ticks;
            _stepOps.RemoveAt(_stepOps.Count - 1);
        }
        _stepOps.Add((started, ticks));
        var tally = Step((groupByShape ? op.ToString() : op.Name, pass));
        tally.Calls++;
        tally.Ticks += self;
        tally.Flops = flops is { } count ? (tally.Flops ?? 0) + count : null;
    }

    private void AddOutside(string name, long ticks)
    {
        var tally = Step((name, ProfilePass.Outside));
        tally.Calls++;
        tally.Ticks += ticks;
    }

    private Tally Step((string Name, ProfilePass Pass) key)
    {
        if (!_step.TryGetValue(key, out var tally)) _step[key] = tally = new Tally();
        return tally;
    }

    private void BeginStep(long start)
    {
        _stepStart = start;
        _stepOps.Clear();
        foreach (var tally in _step.Values) (tally.Calls, tally.Ticks, tally.Flops) = (0, 0, null);
    }
}
