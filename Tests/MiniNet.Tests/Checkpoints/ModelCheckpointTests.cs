using MiniNet.Checkpoints;
using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Metrics;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tests.Data;
using MiniNet.Tests.Training;
using MiniNet.Training;

namespace MiniNet.Tests.Checkpoints;

/// <summary><see cref="ModelCheckpoint"/> and resuming <see cref="SequentialTraining.Fit"/> from what it saved: a resumed run
/// must end bit for bit where the run that never stopped ends.</summary>
public class ModelCheckpointTests
{
    private static readonly Dataset Train = TrainingData.Blobs(100, seed: 5);
    private static readonly Dataset Validation = TrainingData.Blobs(30, seed: 6);
    private const int BatchSize = 8; // 13 batches per epoch, the last one of 4 examples
    private const int Seed = 11;

    private static Sequential Model(int seed = 1) => new(2, [new Dense(8, Activation.Relu), new Dense(2)], seed);

    private static Sgd Optimizer() => new(0.05, momentum: 0.9);

    private static History Fit(Sequential model, Optimizer optimizer, int epochs, IEnumerable<Callback>? callbacks = null, TrainingPosition? resumeFrom = null) =>
        model.Fit(Train, new SparseCategoricalCrossEntropy(), optimizer, epochs, BatchSize, Seed, Validation, callbacks, resumeFrom: resumeFrom);

    private static void AssertSameWeights(Sequential expected, Sequential actual)
    {
        for (int i = 0; i < expected.TrainableVariables.Count; i++)
            Assert.That(actual.TrainableVariables[i].ToArray<float>(), Is.EqualTo(expected.TrainableVariables[i].ToArray<float>()), expected.TrainableVariables[i].Name);
    }

    [Test]
    public void Resume_AfterTwoOfThreeEpochs_TrainsTheThirdOnlyAndEndsBitForBitAsTheStraightRun()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "run.ckpt");
        var straight = Model();
        var straightHistory = Fit(straight, Optimizer(), epochs: 3);
        var first = Model();
        var firstOptimizer = Optimizer();
        Fit(first, firstOptimizer, epochs: 2, [new ModelCheckpoint(path, firstOptimizer)]);

        var resumed = Model(seed: 7);
        var resumedOptimizer = Optimizer();
        var position = Checkpoint.Load(path, resumed, resumedOptimizer);
        var history = Fit(resumed, resumedOptimizer, epochs: 3, resumeFrom: position);

        Assert.That(position, Is.EqualTo(new TrainingPosition(2, 0, Seed, BatchSize)));
        Assert.That(history.Epochs.Select(e => e.Epoch), Is.EqualTo(new[] { 3 }));
        Assert.That(history.Epochs[0].Logs, Is.EquivalentTo(straightHistory.Epochs[2].Logs));
        AssertSameWeights(straight, resumed);
        Assert.That(resumedOptimizer.Iterations, Is.EqualTo(39));
    }

    [Test]
    public void Resume_AfterACrashMidEpoch_SkipsTheTrainedBatchesAndEndsBitForBitAsTheStraightRun()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "run.ckpt");
        var straight = Model();
        var straightHistory = Fit(straight, Optimizer(), epochs: 3);
        var first = Model();
        var firstOptimizer = Optimizer();
        // Saves after global steps 5, 10, 15, 20; the crash comes in step 23 (epoch 2, batch 9), after the save of step 20.
        var crash = new LambdaCallback(onBatchEnd: (state, batch) =>
        {
            if (state.Epoch == 2 && batch.Batch == 9) throw new InvalidOperationException("simulated crash");
        });
        Assert.That(() => Fit(first, firstOptimizer, epochs: 3, [new ModelCheckpoint(path, firstOptimizer, everyBatches: 5), crash]),
            Throws.InvalidOperationException);

        var resumed = Model(seed: 7);
        var resumedOptimizer = Optimizer();
        var position = Checkpoint.Load(path, resumed, resumedOptimizer);
        var history = Fit(resumed, resumedOptimizer, epochs: 3, resumeFrom: position);

        Assert.That((position.CompletedEpochs, position.CompletedBatches, position.EpochSamples), Is.EqualTo((1, 7, 56L)));
        Assert.That(resumedOptimizer.Iterations, Is.EqualTo(39));
        Assert.That(history.Epochs.Select(e => e.Epoch), Is.EqualTo(new[] { 2, 3 }));
        Assert.That(history.Epochs[0].Logs, Is.EquivalentTo(straightHistory.Epochs[1].Logs), "the resumed epoch's mean loss and accuracy");
        Assert.That(history.Epochs[1].Logs, Is.EquivalentTo(straightHistory.Epochs[2].Logs));
        AssertSameWeights(straight, resumed);
    }

    [Test]
    public void Resume_FromTheLastBatchOfAnEpoch_FinishesThatEpochWithoutTrainingMore()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "run.ckpt");
        var straightHistory = Fit(Model(), Optimizer(), epochs: 2);
        var first = Model();
        var firstOptimizer = Optimizer();
        var crash = new LambdaCallback(onBatchEnd: (state, batch) => { if (batch.Batch == 12) throw new InvalidOperationException("crash"); });
        Assert.That(() => Fit(first, firstOptimizer, epochs: 2, [new ModelCheckpoint(path, firstOptimizer, everyBatches: 13), crash]), Throws.InvalidOperationException);

        var resumed = Model();
        var resumedOptimizer = Optimizer();
        var position = Checkpoint.Load(path, resumed, resumedOptimizer);
        var history = Fit(resumed, resumedOptimizer, epochs: 2, resumeFrom: position);

        Assert.That((position.CompletedEpochs, position.CompletedBatches), Is.EqualTo((0, 13)));
        Assert.That(history.Epochs[0].Logs, Is.EquivalentTo(straightHistory.Epochs[0].Logs));
        Assert.That(history.Epochs[1].Logs, Is.EquivalentTo(straightHistory.Epochs[1].Logs));
    }

    [Test]
    public void Fit_WithModelCheckpoint_LastSaveIsTheEndOfTraining()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "run.ckpt");
        var model = Model();
        var optimizer = Optimizer();
        Fit(model, optimizer, epochs: 2, [new ModelCheckpoint(path, optimizer, everyBatches: 4)]);

        var restored = Model(seed: 3);
        var position = Checkpoint.Load(path, restored, Optimizer());

        Assert.That(position, Is.EqualTo(new TrainingPosition(2, 0, Seed, BatchSize)));
        AssertSameWeights(model, restored);
    }

    [Test]
    public void Resume_WithAnotherBatchSize_ThrowsNamingBoth()
    {
        var position = new TrainingPosition(1, 3, Seed, BatchSize: 16);

        Assert.That(() => Fit(Model(), Optimizer(), epochs: 3, resumeFrom: position),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("resumeFrom")
                .And.Message.StartsWith($"fit: the run to resume used seed {Seed} and batch size 16, not seed {Seed} and batch size {BatchSize}"));
    }

    [Test]
    public void Resume_AlreadyComplete_ThrowsSayingEpochsIsTheTotal()
    {
        Assert.That(() => Fit(Model(), Optimizer(), epochs: 2, resumeFrom: new TrainingPosition(2, 0, Seed, BatchSize)),
            Throws.ArgumentException.With.Message.StartsWith("fit: the run to resume has already completed 2 epochs; epochs (the total) must be more, got 2"));
    }

    [Test]
    public void Resume_MoreBatchesThanAnEpochHas_ThrowsSayingTheDataDiffers()
    {
        Assert.That(() => Fit(Model(), Optimizer(), epochs: 2, resumeFrom: new TrainingPosition(0, 14, Seed, BatchSize)),
            Throws.ArgumentException.With.Message.StartsWith("fit: the run to resume had trained 14 batches of an epoch, but an epoch here has 13"));
    }

    [TestCase(0)]
    [TestCase(-3)]
    public void Constructor_NonPositiveEveryBatches_ThrowsNamingIt(int everyBatches)
    {
        Assert.That(() => new ModelCheckpoint("run.ckpt", Optimizer(), everyBatches),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("everyBatches")
                .And.Message.StartsWith($"model checkpoint: everyBatches must be positive, got {everyBatches}"));
    }

    [Test]
    public void SaveBestOnly_ValidationLossRisingAfterEpochOne_KeepsEpochOne()
    {
        // Training on the blobs raises the loss on the flipped blobs every epoch, so only epoch 1 improves val_loss.
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "best.ckpt");
        var model = Model();
        var optimizer = Optimizer();
        float[][]? afterEpochOne = null;
        var copy = new LambdaCallback(onEpochEnd: (state, epoch) =>
        {
            if (epoch.Epoch == 1) afterEpochOne = [.. state.Model.Variables.Select(v => v.ToArray<float>())];
        });
        model.Fit(Train, new SparseCategoricalCrossEntropy(), optimizer, epochs: 3, BatchSize, Seed, EarlyStoppingTests.FlippedBlobs(30, 6),
            [copy, new ModelCheckpoint(path, optimizer, saveBestOnly: true)], verbose: false);

        var restored = Model(seed: 3);
        var position = Checkpoint.Load(path, restored, Optimizer());

        Assert.That(position, Is.EqualTo(new TrainingPosition(1, 0, Seed, BatchSize)));
        Assert.That(restored.Variables.Select(v => v.ToArray<float>()), Is.EqualTo(afterEpochOne));
    }

    [Test]
    public void SaveBestOnly_SavesOnlyOnImprovement()
    {
        // Monitoring the training loss with mode Max: it falls every epoch, so only epoch 1 "improves" and is saved once.
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "best.ckpt");
        var optimizer = Optimizer();
        int saves = 0;
        Checkpoint.BeforeRename = _ => saves++;
        try
        {
            Fit(Model(), optimizer, epochs: 3, [new ModelCheckpoint(path, optimizer, saveBestOnly: true, monitor: "loss", mode: MonitorMode.Max)]);
        }
        finally
        {
            Checkpoint.BeforeRename = null;
        }

        Assert.That(saves, Is.EqualTo(1));
        Assert.That(Checkpoint.Load(path, Model(), Optimizer()).CompletedEpochs, Is.EqualTo(1));
    }

    [Test]
    public void Constructor_SaveBestOnlyWithEveryBatches_Throws()
    {
        Assert.That(() => new ModelCheckpoint("run.ckpt", Optimizer(), everyBatches: 5, saveBestOnly: true),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("saveBestOnly"));
    }

    private static History FitRegression(Sequential model, Optimizer optimizer, int epochs, IEnumerable<Callback>? callbacks = null,
        TrainingPosition? resumeFrom = null, IEnumerable<Metric>? metrics = null) =>
        model.Fit(TrainingData.Regression(60, seed: 5), new MeanSquaredError(), optimizer, epochs, BatchSize, Seed, TrainingData.Regression(20, 6),
            callbacks, resumeFrom: resumeFrom, metrics: metrics ?? ["mae", "rmse"], verbose: false);

    [Test]
    public void Resume_MidEpochWithMaeAndRmse_GivesTheHistoryOfTheStraightRun()
    {
        // 60 examples in batches of 8: 8 batches per epoch. Saves after steps 3, 6, 9; the crash comes in step 11 (epoch 2, batch 3).
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "run.ckpt");
        Sequential Regression(int seed) => new(2, [new Dense(4, Activation.Relu), new Dense(1)], seed);
        var straightHistory = FitRegression(Regression(1), Optimizer(), epochs: 3);
        var firstOptimizer = Optimizer();
        var crash = new LambdaCallback(onBatchEnd: (state, batch) =>
        {
            if (state.Epoch == 2 && batch.Batch == 2) throw new InvalidOperationException("simulated crash");
        });
        Assert.That(() => FitRegression(Regression(1), firstOptimizer, 3, [new ModelCheckpoint(path, firstOptimizer, everyBatches: 3), crash]),
            Throws.InvalidOperationException);

        var resumed = Regression(7);
        var resumedOptimizer = Optimizer();
        var position = Checkpoint.Load(path, resumed, resumedOptimizer);
        var history = FitRegression(resumed, resumedOptimizer, 3, resumeFrom: position);

        Assert.That((position.CompletedEpochs, position.CompletedBatches), Is.EqualTo((1, 1)));
        Assert.That(position.EpochMetrics.Select(m => (m.Name, m.Count)), Is.EqualTo(new[] { ("mae", 8L), ("rmse", 8L) }));
        Assert.That(history.Epochs[0].Logs, Is.EquivalentTo(straightHistory.Epochs[1].Logs));
        Assert.That(history.Epochs[1].Logs, Is.EquivalentTo(straightHistory.Epochs[2].Logs));
    }

    [Test]
    public void Resume_MidEpochWithOtherMetrics_ThrowsNamingBothLists()
    {
        var position = new TrainingPosition(0, 2, Seed, BatchSize, 3.0, 16, [new("mae", 4, 16), new("rmse", 5, 16)]);

        Assert.That(() => FitRegression(new Sequential(2, [new Dense(1)], seed: 1), Optimizer(), 2, resumeFrom: position, metrics: ["mae"]),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("resumeFrom")
                .And.Message.StartsWith("fit: the run to resume measured [mae, rmse] but this one measures [mae]"));
    }
}
