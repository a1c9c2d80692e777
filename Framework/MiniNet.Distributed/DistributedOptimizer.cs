using System.Diagnostics;
using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Runtime.InteropServices;
using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace MiniNet.Distributed;

/// <summary>
/// Data parallelism as Horovod's <c>DistributedOptimizer</c> does it: wraps any optimizer, and at every step, before the
/// wrapped optimizer's clipping and update, replaces each rank's gradients by their average over all ranks, so that every
/// rank applies the same update and the weights stay the same everywhere.
/// <para>One all-reduce per step carries everything, in one fused buffer of the gradients' dtype: each rank's gradients of
/// all variables multiplied by its example count n (from <see cref="StepTotals"/>; 1 when not given), then n itself, then
/// the step's sums (Fit's loss sum and metric totals). The summed gradients divided by the summed n are the mean gradient
/// over the global batch, exactly what one process training on the whole batch computes (up to the order of float
/// additions): docs/distributed.md shows why. The sums come back as the global batch's, so every rank logs the same loss
/// and metrics as one process would.</para>
/// <para>Before the first step it runs, and then every <see cref="CheckEvery"/> steps, it compares a checksum (64-bit
/// FNV-1a) of every rank's weights and gradient count in one all-gather, and throws <see cref="ReplicasDivergedException"/>
/// on every rank when they differ.</para>
/// </summary>
public sealed class DistributedOptimizer : OptimizerWrapper
{
    private readonly Stopwatch _allReduceClock = new();
    private Array _fused = Array.Empty<float>(), _summed = Array.Empty<float>();
    // The averaged gradient of each variable, made once and overwritten every step.
    private readonly Dictionary<Variable, Tensor> _averaged = new(ReferenceEqualityComparer.Instance);
    private bool _checkedOnce;

    /// <summary>Wraps <paramref name="wrapped"/> for the ranks of <paramref name="group"/>.</summary>
    /// <param name="wrapped">The optimizer whose update every rank applies; it is shared, not copied.</param>
    /// <param name="group">The ranks that train together.</param>
    /// <param name="checkEvery">Steps between checks that all ranks hold the same weights; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">checkEvery is not positive.</exception>
    public DistributedOptimizer(Optimizer wrapped, ProcessGroup group, int checkEvery = 100) : base(wrapped)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (checkEvery <= 0)
            throw new ArgumentOutOfRangeException(nameof(checkEvery), checkEvery, $"distributed optimizer: checkEvery must be positive, got {checkEvery}");
        Group = group;
        CheckEvery = checkEvery;
    }

    /// <summary>The ranks that train together.</summary>
    public ProcessGroup Group { get; }

    /// <summary>Steps between checks that all ranks hold the same weights.</summary>
    public int CheckEvery { get; }

    /// <summary>How many gradient all-reduces this optimizer has run (one per step).</summary>
    public long AllReduceCount { get; private set; }

    /// <summary>Seconds spent in those all-reduces, waiting for the slowest rank included; divided by
    /// <see cref="AllReduceCount"/>, the cost of distribution per step.</summary>
    public double AllReduceSeconds => _allReduceClock.Elapsed.TotalSeconds;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The variables do not all have one dtype.</exception>
    /// <exception cref="ReplicasDivergedException">The ranks' weights or gradient counts differ.</exception>
    protected override void CombineGradients(Tensor?[] gradients, IReadOnlyList<Variable> variables, StepTotals? totals)
    {
        var dtype = variables.Count > 0 ? variables[0].DType : DType.Float32;
        var mixed = variables.FirstOrDefault(variable => variable.DType != dtype);
        if (mixed != null)
            throw new ArgumentException($"distributed optimizer: variable '{mixed.Name}' is {Tensor.DTypeName(mixed.DType)} but '{variables[0].Name}' is {Tensor.DTypeName(dtype)}; the gradients travel in one buffer of one dtype", nameof(variables));
        int length = variables.Sum(variable => variable.Length) + 1 + (totals?.Sums.Length ?? 0);
        if (!_checkedOnce || Iterations % CheckEvery == 0) RequireSameWeights(variables, length);
        _checkedOnce = true;
        if (dtype == DType.Float32) Combine<float>(gradients, variables, totals, length);
        else Combine<double>(gradients, variables, totals, length);
    }

    private void Combine<T>(Tensor?[] gradients, IReadOnlyList<Variable> variables, StepTotals? totals, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (_fused is not T[] || _fused.Length != length) (_fused, _summed) = (new T[length], new T[length]);
        var fused = (T[])_fused;
        var summed = (T[])_summed;

        // This rank's contribution: n × its mean gradient (its gradient sum), zeros for a variable without one, then n and the sums.
        T examples = T.CreateChecked(totals?.Examples ?? 1);
        int at = 0;
        for (int i = 0; i < variables.Count; i++)
        {
            var part = fused.AsSpan(at, variables[i].Length);
            if (gradients[i] is { } gradient) TensorPrimitives.Multiply<T>(gradient.AsSpan<T>(), examples, part);
            else part.Clear();
            at += part.Length;
        }
        fused[at] = examples;
        if (totals != null)
            for (int k = 0; k < totals.Sums.Length; k++) fused[at + 1 + k] = T.CreateChecked(totals.Sums[k]);

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
        if (totals != null)
        {
            totals.Examples = long.CreateChecked(globalExamples);
            for (int k = 0; k < totals.Sums.Length; k++) totals.Sums[k] = double.CreateChecked(summed[at + 1 + k]);
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
