using MiniNet.Distributed;

namespace MiniNet.Distributed.Tests;

/// <summary>
/// Ranks as threads of this process, to test data-parallel training without MPI: each collective waits for every rank (at
/// most 20 s, so a broken test fails instead of hanging) and adds the ranks' arrays in rank order, so every rank gets the
/// same sums bit for bit, as MPI's all-reduce gives.
/// </summary>
internal sealed class ThreadProcessGroup : ProcessGroup
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly Barrier _barrier;
    private readonly Array?[] _contributions;

    private ThreadProcessGroup(int rank, Barrier barrier, Array?[] contributions) =>
        (Rank, _barrier, _contributions) = (rank, barrier, contributions);

    /// <inheritdoc />
    public override int Rank { get; }

    /// <inheritdoc />
    public override int Size => _contributions.Length;

    /// <summary>Runs <paramref name="body"/> on <paramref name="size"/> threads, one per rank, and returns each rank's
    /// result, rank 0's first; an exception on any rank is rethrown once all have ended.</summary>
    public static T[] RunRanks<T>(int size, Func<ThreadProcessGroup, T> body)
    {
        var barrier = new Barrier(size);
        var contributions = new Array?[size];
        var results = new T[size];
        var failures = new Exception?[size];
        var threads = Enumerable.Range(0, size).Select(rank => new Thread(() =>
        {
            try
            {
                results[rank] = body(new ThreadProcessGroup(rank, barrier, contributions));
            }
            catch (Exception error)
            {
                failures[rank] = error;
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        if (failures.FirstOrDefault(failure => failure != null) is { } first) throw new AggregateException(first);
        return results;
    }

    /// <inheritdoc />
    public override void Sum(float[] values, float[] sums) => SumInRankOrder(values, sums);

    /// <inheritdoc />
    public override void Sum(double[] values, double[] sums) => SumInRankOrder(values, sums);

    /// <inheritdoc />
    public override long[] Gather(long[] values)
    {
        Exchange(values);
        long[] all = [.. _contributions.SelectMany(contribution => (long[])contribution!)];
        Wait();
        return all;
    }

    private void SumInRankOrder<T>(T[] values, T[] sums) where T : struct, System.Numerics.IAdditionOperators<T, T, T>
    {
        Exchange(values);
        for (int j = 0; j < sums.Length; j++)
        {
            T sum = ((T[])_contributions[0]!)[j];
            for (int rank = 1; rank < Size; rank++) sum += ((T[])_contributions[rank]!)[j];
            sums[j] = sum;
        }
        Wait();
    }

    // Publishes this rank's array and waits until every rank has; the second Wait, after reading, keeps the arrays in place
    // until every rank has read them.
    private void Exchange(Array values)
    {
        _contributions[Rank] = values;
        Wait();
    }

    private void Wait()
    {
        if (!_barrier.SignalAndWait(Patience)) throw new TimeoutException($"rank {Rank}: the other ranks did not arrive within {Patience.TotalSeconds} s");
    }
}
