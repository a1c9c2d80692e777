using System.Text.Json;
using MiniNet.Checkpoints;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Optimizers;

namespace MiniNet.Distributed.Tests;

/// <summary>Real MPI jobs of two ranks under mpiexec, running the test worker (MiniNet.Distributed.TestWorker: an 8-16-3
/// network on 600 blobs, global batch 32, so 19 steps per epoch) and losing a rank or letting one drift on purpose.</summary>
public class MpiProcessGroupTests
{
    private const string Worker = "MiniNet.Distributed.TestWorker.dll";
    private string _folder = null!;

    [SetUp]
    public void MakeFolder()
    {
        _folder = Directory.CreateTempSubdirectory("mininet-mpi-").FullName;
        Mpiexec.RequireMpich();
    }

    [TearDown]
    public void DeleteFolder()
    {
        Directory.Delete(_folder, recursive: true);
    }

    private string InFolder(string name) => Path.Combine(_folder, name);

    private static float[] WeightsIn(string json)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        return [.. document.RootElement.GetProperty("weights").EnumerateArray().Select(value => value.GetSingle())];
    }

    [Test]
    public void ARankThatCrashes_EndsTheJobWithinSeconds_AndTheLastCheckpointResumesToTheUninterruptedWeights()
    {
        var straight = Mpiexec.Run(2, Worker, "--out", InFolder("straight.json"));
        Assert.That(straight.ExitCode, Is.EqualTo(0), straight.Error);

        // Rank 0 saves every 5 steps; rank 1 dies (SIGKILL) after step 23, the 4th step of epoch 2, while rank 0 waits for it
        // in the next all-reduce.
        var crashed = Mpiexec.Run(2, Worker, "--save", InFolder("run.ckpt"), "--checkpoint-every", "5", "--crash-rank", "1", "--crash-after-step", "23");

        Assert.That(crashed.ExitCode, Is.Not.EqualTo(0));
        Assert.That(crashed.Seconds, Is.LessThan(30), "the surviving rank must not wait for the dead one");
        Assert.That(crashed.Error, Does.Contain("rank 1: crashing after step 23"));
        Assert.That(crashed.Output + crashed.Error, Does.Contain("BAD TERMINATION OF ONE OF YOUR APPLICATION PROCESSES"), "mpiexec's own report of the dead rank");
        var position = Checkpoint.Load(InFolder("run.ckpt"), new Sequential(8, [new Dense(16, Activation.Relu), new Dense(3)]), new Sgd(0.1, momentum: 0.9));
        Assert.That((position.CompletedEpochs, position.CompletedBatches), Is.EqualTo((1, 1)), "the last checkpoint is step 20: epoch 1 and one batch");

        var resumed = Mpiexec.Run(2, Worker, "--resume", InFolder("run.ckpt"), "--out", InFolder("resumed.json"));

        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.Error);
        Assert.That(WeightsIn(InFolder("resumed.json")), Is.EqualTo(WeightsIn(InFolder("straight.json"))), "bit for bit");
    }

    [Test]
    public void ARankThatThrows_EndsTheJobWithItsMessageAndExitCode1()
    {
        var failed = Mpiexec.Run(2, Worker, "--fail-rank", "1", "--fail-after-step", "7");

        // mpiexec ORs the ranks' exit codes: the failing rank's 1, and now and then on a busy machine the SIGKILL (9) that
        // stopped the rank waiting in the all-reduce (MPICH 4.0's hydra; see docs/distributed.md).
        Assert.That(failed.ExitCode, Is.AnyOf(1, 9));
        Assert.That(failed.Seconds, Is.LessThan(30));
        Assert.That(failed.Error, Does.Contain("error (rank 1 of 2): System.InvalidOperationException: rank 1 fails after step 7 on purpose"));
    }

    [Test]
    public void RanksWhoseWeightsDrift_StopTogetherWithTheChecksumError()
    {
        // Rank 1 nudges a weight after step 3; the checksums are compared before steps 1, 5, 9...
        var drifted = Mpiexec.Run(2, Worker, "--drift-rank", "1", "--drift-after-step", "3", "--check-every", "4");

        Assert.That(drifted.ExitCode, Is.AnyOf(1, 9), "1 from each rank, OR'ed by mpiexec, or 9 if it stopped the later one (see above)");
        foreach (int rank in new[] { 0, 1 })
            Assert.That(drifted.Error, Does.Contain($"error (rank {rank} of 2): distributed: the ranks' weights drifted apart before step 5"));
    }
}
