using System.Text;
using MPI;

namespace MiniNet.Distributed;

/// <summary>
/// The ranks of an MPI job, started by <c>mpiexec -n N</c> (MPICH's hydra, on one machine or on the hosts of a host file)
/// or by Slurm's <c>srun</c>, with the all-reduce and all-gather of MPI through MPI.NET on MPICH (see
/// <see cref="MpichLibrary"/>). A program hands its work to <see cref="Run"/>, which starts MPI, runs it and ends MPI:
/// <code>
/// return MpiProcessGroup.Run(group =>
/// {
///     var optimizer = new DistributedOptimizer(new Sgd(0.1, momentum: 0.9), group);
///     model.Fit(train, loss, optimizer, epochs: 10, batchSize: 64, seed: 13, batchPart: optimizer.PartOfBatch,
///         callbacks: [new MetricAverageCallback(group)], verbose: group.IsRoot);
///     return 0;
/// });
/// </code>
/// </summary>
public sealed class MpiProcessGroup : ProcessGroup
{
    /// <summary>What to install when MPICH's library cannot be loaded.</summary>
    public const string InstallHint = "sudo apt-get install mpich";

    private readonly Intracommunicator _world;

    private MpiProcessGroup(Intracommunicator world)
    {
        _world = world;
        string host = MPI.Environment.ProcessorName;
        long hostHash = (long)Fnv1a.Add(Fnv1a.Start, Encoding.UTF8.GetBytes(host));
        RanksOnThisMachine = Gather([hostHash]).Count(hash => hash == hostHash);
    }

    /// <inheritdoc />
    public override int Rank => _world.Rank;

    /// <inheritdoc />
    public override int Size => _world.Size;

    /// <summary>How many of the ranks run on this machine (this one included), to share its cores among them.</summary>
    public int RanksOnThisMachine { get; }

    /// <summary>The number of processes the MPI launcher started for this job, read from its environment (PMI_SIZE, set by
    /// mpiexec and by srun), without starting MPI; 1 when the process was not started by a launcher. A program that takes a
    /// --distributed option can use it to refuse to run N copies of one training that would all write the same files.</summary>
    public static int LaunchedProcessCount =>
        int.TryParse(System.Environment.GetEnvironmentVariable("PMI_SIZE"), out int size) && size > 0 ? size : 1;

    /// <inheritdoc />
    public override void Sum(float[] values, float[] sums) => _world.Allreduce(values, Operation<float>.Add, ref sums);

    /// <inheritdoc />
    public override void Sum(double[] values, double[] sums) => _world.Allreduce(values, Operation<double>.Add, ref sums);

    /// <inheritdoc />
    public override long[] Gather(long[] values) => _world.AllgatherFlattened(values, values.Length);

    /// <summary>
    /// Runs <paramref name="body"/> as this process's part of an MPI job and returns its exit code. MPI is started first
    /// (the library MPICH, <see cref="MpichLibrary.FileName"/>; when it is missing, the error says to install it and 1 is
    /// returned). When the body returns 0, MPI is ended (MPI_Finalize) and 0 returned. When it throws, or returns another
    /// code, this rank prints the error, with its rank, to standard error and ends its process at once with that code (1
    /// for an exception; after drifted weights, which all ranks find together, once all have printed) without MPI_Finalize: a rank that finalized would wait for the ranks still blocked in an
    /// all-reduce, which would wait for it in turn. mpiexec stops the other ranks when one ends this way, as when one
    /// crashes (Slurm's srun does so with <c>--kill-on-bad-exit=1</c>), so no rank is left waiting.
    /// </summary>
    /// <param name="body">This rank's work, given the group; returns the exit code.</param>
    public static int Run(Func<MpiProcessGroup, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        MPI.Environment environment;
        try
        {
            MpichLibrary.Register();
            string[] noArguments = [];
            environment = new MPI.Environment(ref noArguments);
        }
        catch (Exception error) when (error is DllNotFoundException || error.InnerException is DllNotFoundException)
        {
            Console.Error.WriteLine($"error: MPICH is not installed ({MpichLibrary.FileName} cannot be loaded): {InstallHint}");
            return 1;
        }
        int exitCode;
        var group = new MpiProcessGroup(Communicator.world);
        try
        {
            exitCode = body(group);
        }
        catch (Exception error)
        {
            string what = error is ReplicasDivergedException ? error.Message : error.ToString();
            Console.Error.WriteLine($"error (rank {group.Rank} of {group.Size}): {what}");
            Console.Error.Flush();
            // Every rank finds drifted weights at the same step (they compare the same gathered checksums), so they can
            // meet once more: no rank ends, and has mpiexec stop the others, before each has printed its error.
            if (error is ReplicasDivergedException)
                Communicator.world.Barrier();
            exitCode = 1;
        }
        if (exitCode != 0)
        {
            Console.Out.Flush();
            Console.Error.Flush();
            System.Environment.Exit(exitCode);
        }
        FreeMpiNetDatatypes();
        environment.Dispose();
        return 0;
    }

    // MPI.NET builds three MPI datatypes when it starts (for IntPtr, UIntPtr and decimal, none of which MiniNet sends) and
    // never frees them, so MPICH would print "yaksa: 3 leaked handle pool objects" at MPI_Finalize on every rank.
    private static void FreeMpiNetDatatypes()
    {
        foreach (var type in new[] { typeof(IntPtr), typeof(UIntPtr), typeof(decimal) })
        {
            int datatype = DatatypeCache.GetDatatype(type);
            Unsafe.MPI_Type_free(ref datatype);
        }
    }
}
