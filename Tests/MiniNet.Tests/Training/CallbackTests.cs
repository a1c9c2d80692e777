using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Training;

namespace MiniNet.Tests.Training;

public class CallbackTests
{
    private static History Fit(int epochs, double learningRate, params Callback[] callbacks) =>
        new Sequential(2, [new Dense(4, Activation.Relu), new Dense(2)], seed: 1)
            .Fit(TrainingData.Blobs(40, 1), new SparseCategoricalCrossEntropy(), new Sgd(learningRate), epochs, batchSize: 10,
                validation: TrainingData.Blobs(20, 2), callbacks: callbacks);

    [Test]
    public void EarlyStopping_NoImprovement_StopsAfterPatiencePlusOneEpochs()
    {
        // With a learning rate of 0 the validation loss never changes: epoch 1 sets the best, epochs 2 and 3 do not improve.
        var stopping = new EarlyStopping("val_loss", patience: 1);

        var history = Fit(epochs: 10, learningRate: 0, stopping);

        Assert.That(history.Epochs, Has.Count.EqualTo(3));
        Assert.That(stopping.StoppedEpoch, Is.EqualTo(3));
    }

    // Feeds the monitored metric's values to the callback one epoch at a time, as Fit does; returns the epoch it stopped after.
    private static int? StoppedEpoch(EarlyStopping stopping, params double[] values)
    {
        var state = new FitState(new Sequential(2, [new Dense(2)], seed: 1), new MeanSquaredError(), new Sgd(0.1), values.Length, batchesPerEpoch: 1);
        stopping.OnTrainBegin(state);
        for (int epoch = 1; epoch <= values.Length && !state.StopTraining; epoch++)
            stopping.OnEpochEnd(state, new EpochResult(epoch, new Dictionary<string, double> { [stopping.Monitor] = values[epoch - 1] }, 0));
        return stopping.StoppedEpoch;
    }

    [Test]
    public void EarlyStopping_AccuracyRisingEveryEpoch_NeverStopsEvenWithPatienceZero()
    {
        // Were accuracy taken as lower-is-better, epoch 2 would be no improvement and patience 0 would stop there.
        Assert.That(StoppedEpoch(new EarlyStopping("val_accuracy", patience: 0), 0.5, 0.6, 0.7, 0.8), Is.Null);
    }

    [Test]
    public void EarlyStopping_AccuracyFalling_StopsAfterPatiencePlusOneEpochs()
    {
        Assert.That(StoppedEpoch(new EarlyStopping("val_accuracy", patience: 1), 0.8, 0.7, 0.6, 0.5), Is.EqualTo(3));
    }

    [Test]
    public void EarlyStopping_AccuracyGainSmallerThanMinDelta_IsNoImprovement()
    {
        // 0.6 beats 0.5 by more than 0.01; 0.605 beats 0.6 by less, so it counts as no improvement and patience 0 stops.
        Assert.That(StoppedEpoch(new EarlyStopping("val_accuracy", patience: 0, minDelta: 0.01), 0.5, 0.6, 0.605), Is.EqualTo(3));
        Assert.That(StoppedEpoch(new EarlyStopping("val_accuracy", patience: 0), 0.5, 0.6, 0.605), Is.Null);
    }

    [Test]
    public void EarlyStopping_LossDropSmallerThanMinDelta_IsNoImprovement()
    {
        Assert.That(StoppedEpoch(new EarlyStopping("val_loss", patience: 0, minDelta: 0.01), 1.0, 0.9, 0.895), Is.EqualTo(3));
        Assert.That(StoppedEpoch(new EarlyStopping("val_loss", patience: 0), 1.0, 0.9, 0.895), Is.Null);
    }

    [Test]
    public void EarlyStopping_UnknownMetric_ThrowsListingTheLoggedOnes()
    {
        Assert.That(() => Fit(2, 0.1, new EarlyStopping("val_f1")), Throws.InvalidOperationException
            .With.Message.Contains("'val_f1' is not logged").And.Message.Contains("val_accuracy"));
    }

    [Test]
    public void EarlyStopping_NegativePatience_ThrowsNamingIt()
    {
        Assert.That(() => new EarlyStopping(patience: -1), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("patience"));
    }

    [Test]
    public void LambdaCallback_IsCalledAfterEveryBatchAndEpoch()
    {
        int batches = 0, epochs = 0;
        var lambda = new LambdaCallback(onEpochEnd: (_, _) => epochs++, onBatchEnd: (_, _) => batches++);

        Fit(epochs: 3, learningRate: 0.1, lambda);

        Assert.That((epochs, batches), Is.EqualTo((3, 12)));
    }

    [Test]
    public void EpochLogger_WritesOneLinePerEpochWithEveryMetric()
    {
        var output = new StringWriter();

        Fit(epochs: 2, learningRate: 0.1, new EpochLogger(output));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[1], Does.Match(@"^epoch 2/2  loss \d\.\d{4}  accuracy \d\.\d{4}  val_loss \d\.\d{4}  val_accuracy \d\.\d{4}  \(\d+\.\d\d s\)"));
    }

    [Test]
    public void ProgressDisplay_NotATerminal_WritesPlainLinesAtEachQuarter()
    {
        var output = new StringWriter();

        Fit(epochs: 1, learningRate: 0.1, new ProgressDisplay(output, interactive: false));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Select(l => l.Split("  ")[1]), Is.EqualTo(new[] { "batch 1/4", "batch 2/4", "batch 3/4", "batch 4/4" }));
        Assert.That(output.ToString(), Does.Not.Contain("\r"));
        Assert.That(lines[0], Does.Match(@"loss \d\.\d{4}  [\d,]+ samples/s$"));
    }

    [Test]
    public void ProgressDisplay_OnATerminal_RedrawsOneLineInPlace()
    {
        var output = new StringWriter();

        Fit(epochs: 1, learningRate: 0.1, new ProgressDisplay(output, interactive: true));

        Assert.That(output.ToString(), Does.StartWith("\repoch 1/1  batch 1/4"));
        Assert.That(output.ToString(), Does.Contain("batch 4/4").And.Contain("[========================]"));
        Assert.That(output.ToString(), Does.Not.Contain("\n"));
    }
}
