using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using MiniNet.Checkpoints;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tests.Data;
using MiniNet.Training;
using MnistLite;

namespace MiniNet.Tests.Samples;

/// <summary>How the MNIST-lite sample stops and recovers: --save, --resume and --checkpoint-every, in this process (through its
/// entry point) and in child processes that are killed while they save; and the divergence check. Runs use the first 600
/// training and 200 test digits, to stay fast.</summary>
public class MnistLiteRecoveryTests
{
    private TempFolder _folder = null!;
    private string _train = null!, _test = null!;

    [SetUp]
    public void WriteSmallDataFiles()
    {
        _folder = new TempFolder();
        _train = FirstLines("train.csv.gz", 600, "train.csv");
        _test = FirstLines("test.csv.gz", 200, "test.csv");
    }

    [TearDown]
    public void DeleteFiles() => _folder.Dispose();

    // The header and the first `count` digits of a shipped file, as a plain CSV file in the temp folder.
    private string FirstLines(string shipped, int count, string name)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(RepositoryRoot.Path, "data", "mnist-lite", shipped)), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var lines = Enumerable.Range(0, count + 1).Select(_ => reader.ReadLine()!);
        return _folder.Write(name, string.Join('\n', lines) + "\n");
    }

    private string InFolder(string name) => Path.Combine(_folder.Path, name);

    private string[] Arguments(params string[] more) =>
        ["--train", _train, "--test", _test, "--hidden", "32", "--batch", "32", "--plot", InFolder("curves.png"), .. more];

    // Runs the sample's Main in this process; returns its exit code, with what it wrote to standard error.
    private static (int ExitCode, string Errors) RunSample(string[] args)
    {
        var errors = new StringWriter();
        var (previousOut, previousError) = (Console.Out, Console.Error);
        try
        {
            Console.SetOut(TextWriter.Null);
            Console.SetError(errors);
            return ((int)Assembly.Load("MnistLite").EntryPoint!.Invoke(null, [args])!, errors.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }

    private (double TestAccuracy, double FinalTrainLoss, int Epochs) Summary(string json)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        return (root.GetProperty("test_accuracy").GetDouble(), root.GetProperty("final_train_loss").GetDouble(), root.GetProperty("epochs").GetInt32());
    }

    [Test]
    public void TwoEpochsThenResumeToThree_JsonEqualsTheStraightThreeEpochRunExactly()
    {
        Assert.That(RunSample(Arguments("--epochs", "3", "--json", InFolder("straight.json"))).ExitCode, Is.EqualTo(0));
        Assert.That(RunSample(Arguments("--epochs", "2", "--save", InFolder("run.ckpt"))).ExitCode, Is.EqualTo(0));

        var (exitCode, errors) = RunSample(Arguments("--epochs", "3", "--resume", InFolder("run.ckpt"), "--json", InFolder("resumed.json")));

        Assert.That(exitCode, Is.EqualTo(0), errors);
        Assert.That(Summary(InFolder("resumed.json")), Is.EqualTo(Summary(InFolder("straight.json"))));
    }

    [Test]
    public void ResumeWithAnotherHiddenWidth_ExitsWithOneLineNamingTheFileAndTheShapes()
    {
        RunSample(Arguments("--epochs", "1", "--save", InFolder("run.ckpt")));

        var (exitCode, errors) = RunSample([.. Arguments("--epochs", "2", "--resume", InFolder("run.ckpt")), "--hidden", "16"]);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors, Does.StartWith($"error: checkpoint {InFolder("run.ckpt")}: it does not fit the model: tensor 'dense_0/kernel' is (784,32) float32 in the file but (784,16) float32 in the model"));
    }

    [Test]
    public void ResumeAnAlreadyFinishedRun_ExitsNamingTheFileAndSayingEpochsIsTheTotal()
    {
        RunSample(Arguments("--epochs", "1", "--save", InFolder("run.ckpt")));

        var (exitCode, errors) = RunSample(Arguments("--epochs", "1", "--resume", InFolder("run.ckpt")));

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors, Does.StartWith($"error: cannot resume from {InFolder("run.ckpt")}: fit: the run to resume has already completed 1 epochs; epochs (the total) must be more, got 1"));
    }

    [Test]
    public void ResumeAMissingFile_ExitsNamingIt()
    {
        var (exitCode, errors) = RunSample(Arguments("--resume", InFolder("missing.ckpt")));

        Assert.That((exitCode, errors), Is.EqualTo((1, $"error: Could not find file '{InFolder("missing.ckpt")}'.{Environment.NewLine}")));
    }

    [Test]
    public void Options_CheckpointOptions_AreParsed()
    {
        var options = MnistOptions.Parse(["--save", "a.ckpt", "--checkpoint-every", "50", "--resume", "b.ckpt", "--no-check-finite"]);

        Assert.That((options.Save, options.CheckpointEvery, options.Resume, options.CheckFinite), Is.EqualTo(("a.ckpt", (int?)50, "b.ckpt", false)));
        Assert.That(MnistOptions.Parse([]).CheckFinite, Is.True, "the divergence check is on by default");
    }

    [TestCase(new[] { "--checkpoint-every", "10" }, "--checkpoint-every needs --save")]
    [TestCase(new[] { "--save", "a", "--checkpoint-every", "0" }, "option --checkpoint-every: 0 must be positive")]
    [TestCase(new[] { "--resume" }, "option --resume needs a value")]
    public void Options_BadCheckpointOption_ThrowsOneLineNamingIt(string[] args, string message)
    {
        Assert.That(() => MnistOptions.Parse(args), Throws.InstanceOf<FormatException>().With.Message.EqualTo(message));
    }

    /// <summary>Thrown by the test hook in <see cref="Checkpoint.Save"/> to stop a save where a kill would.</summary>
    private sealed class SimulatedKill : Exception;

    // The torn-write case, made certain: the fifth save (after batch 15; 19 batches an epoch) is stopped after its temporary
    // file is written and before the rename, and the temporary file is then cut in half as a kill during the write would leave
    // it. The checkpoint on disk must be the fourth save (after batch 12), complete; resuming from it must end exactly as a run
    // that was never stopped, and its own next save must replace the torn temporary file.
    [Test]
    public void StoppedBetweenWritingTheTemporaryFileAndRenamingIt_PreviousCheckpointLoads_AndResumesExactly()
    {
        string checkpoint = InFolder("stopped.ckpt");
        int saves = 0;
        Checkpoint.BeforeRename = _ => { if (++saves == 5) throw new SimulatedKill(); };
        try
        {
            Assert.That(() => RunSample(Arguments("--epochs", "2", "--save", checkpoint, "--checkpoint-every", "3")),
                Throws.InstanceOf<TargetInvocationException>().With.InnerException.InstanceOf<SimulatedKill>());
        }
        finally
        {
            Checkpoint.BeforeRename = null;
        }
        Assert.That(File.Exists(checkpoint + ".tmp"), Is.True, "the stopped save leaves its temporary file");
        using (var torn = File.OpenWrite(checkpoint + ".tmp")) torn.SetLength(torn.Length / 2);

        var position = Checkpoint.Load(checkpoint, new Sequential(784, [new Dense(32, Activation.Relu), new Dense(10)]), new Sgd(0.1, 0.9));
        Assert.That((position.CompletedEpochs, position.CompletedBatches), Is.EqualTo((0, 12)));

        RunSample(Arguments("--epochs", "2", "--json", InFolder("straight.json")));
        var (exitCode, errors) = RunSample(Arguments("--epochs", "2", "--resume", checkpoint, "--save", checkpoint, "--json", InFolder("resumed.json")));

        Assert.That(exitCode, Is.EqualTo(0), errors);
        Assert.That(Summary(InFolder("resumed.json")), Is.EqualTo(Summary(InFolder("straight.json"))));
        Assert.That(File.Exists(checkpoint + ".tmp"), Is.False, "the resumed run's saves replace the torn temporary file");
    }

    // Real kills, at moments the test does not choose: a child process trains on batches of one digit and saves after every
    // batch, so it spends most of its time saving, for as long as it lives; it is killed at a random moment (seeded) once it
    // has written a checkpoint. Whatever moment that was, the file must load: the previous checkpoint or the new one, never a
    // torn one. The next child resumes from it and is killed in turn; the last checkpoint is resumed here to the end of its
    // epoch, which must end exactly as a run that was never killed. Whether a kill lands mid-write is luck here; the test
    // above makes that case certain.
    [Test]
    public void KilledWhileSavingEveryBatch_CheckpointAlwaysLoads_AndResumesExactly()
    {
        string sample = Assembly.Load("MnistLite").Location;
        string checkpoint = InFolder("killed.ckpt");
        string[] KillTestArguments(params string[] more) => [.. Arguments(more), "--batch", "1"];
        var random = new Random(20240611);
        int tornWrites = 0;
        TrainingPosition position = null!;
        for (int kill = 0; kill < 3; kill++)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            string[] resume = File.Exists(checkpoint) ? ["--resume", checkpoint] : [];
            foreach (string argument in (string[])[sample, .. KillTestArguments("--epochs", "1000", "--save", checkpoint, "--checkpoint-every", "1"), .. resume])
                start.ArgumentList.Add(argument);
            var previousSave = File.Exists(checkpoint) ? File.GetLastWriteTimeUtc(checkpoint) : DateTime.MinValue;
            using var child = Process.Start(start)!;
            child.OutputDataReceived += (_, _) => { };
            child.ErrorDataReceived += (_, _) => { };
            child.BeginOutputReadLine();
            child.BeginErrorReadLine();
            var clock = Stopwatch.StartNew();
            while ((!File.Exists(checkpoint) || File.GetLastWriteTimeUtc(checkpoint) == previousSave) && !child.HasExited && clock.Elapsed < TimeSpan.FromSeconds(30))
                Thread.Sleep(5);
            Thread.Sleep(random.Next(20, 250));
            Assert.That(child.HasExited, Is.False, "the child ended before it was killed");
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            if (File.Exists(checkpoint + ".tmp")) tornWrites++;

            position = Checkpoint.Load(checkpoint, new Sequential(784, [new Dense(32, Activation.Relu), new Dense(10)]), new Sgd(0.1, 0.9));
            Assert.That(position.CompletedEpochs * 600 + position.CompletedBatches, Is.GreaterThan(0));
        }
        TestContext.Out.WriteLine($"3 kills, {tornWrites} of them during a write (a temporary file was left); last checkpoint: {position}");

        string epochs = (position.CompletedEpochs + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        RunSample(KillTestArguments("--epochs", epochs, "--json", InFolder("straight.json")));
        var (exitCode, errors) = RunSample(KillTestArguments("--epochs", epochs, "--resume", checkpoint, "--json", InFolder("resumed.json")));

        Assert.That(exitCode, Is.EqualTo(0), errors);
        Assert.That(Summary(InFolder("resumed.json")), Is.EqualTo(Summary(InFolder("straight.json"))));
    }

    [Test]
    public void HugeLearningRate_StopsAtTheFirstNaNWithOneLineSayingWhere()
    {
        var (exitCode, errors) = RunSample(Arguments("--epochs", "1", "--lr", "1e38"));

        Assert.That(exitCode, Is.EqualTo(1));
        // The first step's loss is finite (the weights are still the initial ones); its update overflows, so the second step,
        // batch 2 of epoch 1 (both count from 1), is the first whose loss is NaN.
        Assert.That(errors, Does.StartWith("error: training diverged at epoch 1, batch 2: loss NaN; first non-finite gradient: 'dense_0/kernel' (try a lower learning rate)"));
    }

    [Test]
    public void HugeLearningRate_WithNoCheckFinite_RunsToTheEndWithANaNLoss()
    {
        var (exitCode, _) = RunSample(Arguments("--epochs", "1", "--lr", "1e38", "--no-check-finite", "--json", InFolder("nan.json")));

        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(File.ReadAllText(InFolder("nan.json")), Does.Contain("\"final_train_loss\":\"NaN\""));
    }
}
