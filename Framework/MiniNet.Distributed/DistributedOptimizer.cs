using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Runtime.InteropServices;
using MiniNet.Optimizers;
using MiniNet.Optimizers.Schedules;
using MiniNet.Tensors;

namespace MiniNet.Distributed;

/// <summary>
/// Data parallelism as Horovod's <c>DistributedOptimizer</c> does it: wraps any optimizer, and at every step, before the
/// wrapped optimizer's clipping and update, replaces each rank's gradients by their average over all ranks, so that every
/// rank applies the same update and the weights stay the same everywhere. It is an optimizer that wraps another, as Keras's
/// <c>LossScaleOptimizer</c> is: its <see cref="ApplyGradients(IReadOnlyList{Tensor}, IReadOnlyList{Variable})"/> averages, then
/// hands the averaged gradients to the wrapped optimizer, and every state member (learning rate, schedule, clipping, step
/// count, slots, state export) is the wrapped optimizer's. So it goes wherever an optimizer is expected (<c>Fit</c>,
/// <c>Checkpoint.Save</c>/<c>Load</c>, <c>ModelCheckpoint</c>), and a checkpoint saved through it loads into the bare
/// optimizer and back.
/// <para>One all-reduce per step, in one fused buffer of the gradients' dtype: each rank's gradients of all variables
/// multiplied by its example count n, then n itself. The summed gradients divided by the summed n are the mean gradient
/// over the global batch, exactly what one process training on the whole batch computes (up to the order of float
/// additions): docs/distributed.md shows why. n is the length of the part <see cref="PartOfBatch"/> last handed out (the
/// batch being trained), or the one given to <see cref="ApplyGradients(IEnumerable{ValueTuple{Tensor, Variable}}, long)"/>;
/// 1 before either. The loss and metrics are added up over the ranks by <see cref="MetricAverageCallback"/>.</para>
/// <para>Before the first step it runs, and then every <see cref="CheckEvery"/> steps, it compares a checksum (64-bit
/// FNV-1a) of every rank's weights and gradient count in one all-gather, and throws <see cref="ReplicasDivergedException"/>
/// on every rank when they differ.</para>
/// <code>
/// var optimizer = new DistributedOptimizer(new Sgd(0.1, momentum: 0.9), group);
/// model.Fit(train, loss, optimizer, epochs: 10, batchSize: 64, batchPart: optimizer.PartOfBatch, callbacks: [new MetricAverageCallback(group)]);
/// </code>
/// </summary>
public sealed class DistributedOptimizer : Optimizer
{
    // The optimizers wrapped so far: one wrapped twice would be stepped by two wrappers, each weighting by its own count.
    private static readonly ConditionalWeakTable<Optimizer, DistributedOptimizer> WrappedOnce = [];
    private readonly Stopwatch _allReduceClock = new();
    private readonly BatchShard _shard;
    private Array _fused = Array.Empty<float>(), _summed = Array.Empty<float>();
    // The averaged gradient of each variable, made once and overwritten every step.
    private readonly Dictionary<Variable, Tensor> _averaged = new(ReferenceEqualityComparer.Instance);
    private bool _checkedOnce;
    private long _examples = 1;

    /// <summary>Wraps <paramref name="wrapped"/> for the ranks of <paramref name="group"/>.</summary>
    /// <param name="wrapped">The optimizer whose update every rank applies; it is shared, not copied.</param>
    /// <param name="group">The ranks that train together.</param>
    /// <param name="checkEvery">Steps between checks that all ranks hold the same weights; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">checkEvery is not positive.</exception>
    /// <exception cref="ArgumentException">wrapped is already wrapped by a distributed optimizer, or is one.</exception>
    public DistributedOptimizer(Optimizer wrapped, ProcessGroup group, int checkEvery = 100) : base(learningRate: 0)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        ArgumentNullException.ThrowIfNull(group);
        if (checkEvery <= 0)
            throw new ArgumentOutOfRangeException(nameof(checkEvery), checkEvery, $"distributed optimizer: checkEvery must be positive, got {checkEvery}");
        if (wrapped is DistributedOptimizer || !WrappedOnce.TryAdd(wrapped, this))
            throw new ArgumentException("distributed optimizer: the optimizer is already wrapped by a distributed optimizer (is it wrapped twice?)", nameof(wrapped));
        Wrapped = wrapped;
        Group = group;
        CheckEvery = checkEvery;
        _shard = new BatchShard(group.Rank, group.Size);
    }

    /// <summary>The optimizer whose update every rank applies.</summary>
    public Optimizer Wrapped { get; }

    /// <summary>The ranks that train together.</summary>
    public ProcessGroup Group { get; }

    /// <summary>Steps between checks that all ranks hold the same weights.</summary>
    public int CheckEvery { get; }

    /// <summary>How many gradient all-reduces this optimizer has run (one per step).</summary>
    public long AllReduceCount { get; private set; }

    /// <summary>Seconds spent in those all-reduces, waiting for the slowest rank included; divided by
    /// <see cref="AllReduceCount"/>, the cost of distribution per step.</summary>
    public double AllReduceSeconds => _allReduceClock.Elapsed.TotalSeconds;

    /// <summary>Steps applied so far (the wrapped optimizer's).</summary>
    public override long Iterations => Wrapped.Iterations;

    /// <summary>The wrapped optimizer's learning rate.</summary>
    public override double LearningRate { get => Wrapped.LearningRate; set => Wrapped.LearningRate = value; }

    /// <summary>The wrapped optimizer's schedule.</summary>
    public override LearningRateSchedule? Schedule { get => Wrapped.Schedule; set => Wrapped.Schedule = value; }

    /// <summary>The wrapped optimizer's clipping by global norm, applied to the averaged gradients.</summary>
    public override double? ClipNorm { get => Wrapped.ClipNorm; set => Wrapped.ClipNorm = value; }

    /// <summary>The wrapped optimizer's clipping by value, applied to the averaged gradients.</summary>
    public override double? ClipValue { get => Wrapped.ClipValue; set => Wrapped.ClipValue = value; }

    /// <summary>The wrapped optimizer's hyper-parameters, so that a checkpoint saved through either loads into the other.</summary>
    public override IReadOnlyDictionary<string, string> HyperParameters => Wrapped.HyperParameters;

    /// <summary>The wrapped optimizer's slots of <paramref name="variable"/>.</summary>
    public override IReadOnlyDictionary<string, Tensor> SlotsOf(Variable variable) => Wrapped.SlotsOf(variable);

    /// <summary>The wrapped optimizer's state.</summary>
    public override OptimizerState ExportState() => Wrapped.ExportState();

    /// <summary>Restores the wrapped optimizer's state.</summary>
    public override void ImportState(OptimizerState state, IReadOnlyList<Variable> variables) => Wrapped.ImportState(state, variables);

    /// <summary>This rank's part of a global batch of <paramref name="batchSize"/> examples (see <see cref="BatchShard"/>),
    /// empty when the batch is smaller than the number of ranks; give it to <c>Fit(..., batchPart:)</c> or
    /// <c>ShuffledDataset.Batch(..., part:)</c>. The next step weights this rank's gradients by the part's length.</summary>
    public (int Start, int Length) PartOfBatch(int batchSize)
    {
        var part = _shard.Draw(batchSize);
        _examples = part.Length;
        return part;
    }

    /// <summary>One step of the wrapped optimizer, with this rank's gradients taken as the mean over
    /// <paramref name="examples"/> examples (a hand-written loop's part of the global batch).</summary>
    /// <exception cref="ArgumentOutOfRangeException">examples is negative.</exception>
    public void ApplyGradients(IEnumerable<(Tensor? Gradient, Variable Variable)> gradientsAndVariables, long examples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(examples);
        _examples = examples;
        ApplyGradients(gradientsAndVariables);
    }

    /// <summary>One step of the wrapped optimizer on the gradients averaged over the ranks (each rank's weighted by the
    /// examples it saw); the caller's gradient tensors are never modified.</summary>
    /// <exception cref="ArgumentException">A gradient's shape or dtype differs from its variable's, a variable is not
    /// trainable, or the variables do not share one dtype.</exception>
    public override void ApplyGradients(IReadOnlyList<Tensor?> gradients, IReadOnlyList<Variable> variables)
    {
        CheckPairs(gradients, variables);
        Tensor?[] combined = [.. gradients];
        Combine(combined, variables);
        Wrapped.ApplyGradients(combined, variables);
    }

    // Never called: ApplyGradients hands the averaged gradients to the wrapped optimizer, whose rule updates the variables.
    /// <inheritdoc />
    protected override void UpdateStep<T>(Variable variable, ReadOnlySpan<T> gradient, T learningRate) =>
        throw new UnreachableException("distributed optimizer: the wrapped optimizer updates the variables");

    // Replaces each gradient by the mean over the global batch, in one all-reduce.
    private void Combine(Tensor?[] gradients, IReadOnlyList<Variable> variables)
    {
        var dtype = variables.Count > 0 ? variables[0].DType : DType.Float32;
        var mixed = variables.FirstOrDefault(variable => variable.DType != dtype);
        if (mixed != null)
            throw new ArgumentException($"distributed optimizer: variable '{mixed.Name}' is {Tensor.DTypeName(mixed.DType)} but '{variables[0].Name}' is {Tensor.DTypeName(dtype)}; the gradients travel in one buffer of one dtype", nameof(variables));
        int length = variables.Sum(variable => variable.Length) + 1;
        if (!_checkedOnce || Iterations % CheckEvery == 0) RequireSameWeights(variables, length);
        _checkedOnce = true;
        if (dtype == DType.Float32) Combine<float>(gradients, variables, length);
        else Combine<double>(gradients, variables, length);
    }

    private void Combine<T>(Tensor?[] gradients, IReadOnlyList<Variable> variables, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (_fused is not T[] || _fused.Length != length) (_fused, _summed) = (new T[length], new T[length]);
        var fused = (T[])_fused;
        var summed = (T[])_summed;

        // This rank's contribution: n × its mean gradient (its gradient sum), zeros for a variable without one, then n.
        T examples = T.CreateChecked(_examples);
        int at = 0;
        for (int i = 0; i < variables.Count; i++)
        {
            var part = fused.AsSpan(at, variables[i].Length);
            if (gradients[i] is { } gradient) TensorPrimitives.Multiply<T>(gradient.AsSpan<T>(), examples, part);
            else part.Clear();
            at += part.Length;
        }
        fused[at] = examples;

        _allReduceClock.Start();
        if (typeof(T) == typeof(float)) Group.Sum((float[])_fused, (float[])_summed);
        else Group.Sum((double[])_fused, (double[])_summed);
        _allReduceClock.Stop();
        AllReduceCount++;

        // The global mean gradient: the summed gradient sums over the summed example count.
        T globalExamples = summed[at];
        at = 0;
        for (int i = 0; i < variables.Count; i++)
        {
            int count = variables[i].Length;
            if (gradients[i] != null)
            {
                if (!_averaged.TryGetValue(variables[i], out var average)) _averaged[variables[i]] = average = Tensor.ZerosLike(variables[i]);
                TensorPrimitives.Divide<T>(summed.AsSpan(at, count), globalExamples, average.AsSpan<T>());
                gradients[i] = average;
            }
            at += count;
        }
    }

    // All ranks gather (checksum of the weights, fused length) and compare them with rank 0's.
    private void RequireSameWeights(IReadOnlyList<Variable> variables, int length)
    {
        ulong checksum = Fnv1a.Start;
        foreach (var variable in variables)
            checksum = variable.DType == DType.Float32
                ? Fnv1a.Add(checksum, MemoryMarshal.AsBytes(variable.AsSpan<float>()))
                : Fnv1a.Add(checksum, MemoryMarshal.AsBytes(variable.AsSpan<double>()));
        long[] all = Group.Gather([(long)checksum, length]);
        var ranks = Enumerable.Range(0, Group.Size).ToList();
        long step = Iterations + 1;
        if (ranks.Any(rank => all[2 * rank + 1] != all[1]))
            throw new ReplicasDivergedException(step, $"distributed: the ranks train different models before step {step}: {string.Join(", ", ranks.Select(rank => $"rank {rank} all-reduces {all[2 * rank + 1]} values per step"))}; every rank must build the same model and measure the same metrics");
        if (ranks.Any(rank => all[2 * rank] != all[0]))
            throw new ReplicasDivergedException(step, $"distributed: the ranks' weights drifted apart before step {step}: {string.Join(", ", ranks.Select(rank => $"rank {rank} has checksum {all[2 * rank]:x16}"))}; every rank must start from the same weights (the same seed, or the same checkpoint) and apply the same updates");
    }
}
