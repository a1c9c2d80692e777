using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Training;

namespace MiniNet.Tests.Training;

/// <summary><see cref="EarlyStopping"/>'s restoreBestWeights, mode and monitoring of any log (more in CallbackTests).</summary>
public class EarlyStoppingTests
{
    private static Sequential Model() => new(2, [new Dense(4, Activation.Relu), new Dense(2)], seed: 1);

    // Blobs with every label flipped: the better the model learns the blobs, the worse its loss on these.
    internal static Dataset FlippedBlobs(int count, int seed)
    {
        var blobs = TrainingData.Blobs(count, seed);
        return new Dataset(blobs.Features.ToArray(), [.. blobs.Labels.ToArray().Select(label => 1 - label)], 2);
    }

    private static float[][] Weights(Sequential model) => [.. model.Variables.Select(v => v.ToArray<float>())];

    [TestCase(true)]
    [TestCase(false)]
    public void RestoreBestWeights_OnStopping_PutsBackTheBestEpochsWeightsOnlyWhenAsked(bool restore)
    {
        // Training on the blobs raises the loss on the flipped blobs every epoch: epoch 1 is the best, epoch 3 stops (patience 1).
        var model = Model();
        var copies = new Dictionary<int, float[][]>();
        var copy = new LambdaCallback(onEpochEnd: (state, epoch) => copies[epoch.Epoch] = Weights(state.Model));
        var stopping = new EarlyStopping("val_loss", patience: 1, restoreBestWeights: restore);

        model.Fit(TrainingData.Blobs(40, 1), new SparseCategoricalCrossEntropy(), new Sgd(0.1), epochs: 10, batchSize: 10,
            validation: FlippedBlobs(20, 2), callbacks: [copy, stopping], verbose: false);

        Assert.That((stopping.BestEpoch, stopping.StoppedEpoch), Is.EqualTo((1, 3)));
        Assert.That(copies[1], Is.Not.EqualTo(copies[3]), "training moved the weights");
        Assert.That(Weights(model), Is.EqualTo(restore ? copies[1] : copies[3]));
    }

    // Feeds the monitored log's values one epoch at a time, as Fit does; returns the epoch it stopped after.
    private static int? StoppedEpoch(EarlyStopping stopping, params double[] values)
    {
        var state = new FitState(new Sequential(2, [new Dense(2)], seed: 1), new MeanSquaredError(), new Sgd(0.1), values.Length, batchesPerEpoch: 1);
        stopping.OnTrainBegin(state);
        for (int epoch = 1; epoch <= values.Length && !state.StopTraining; epoch++)
            stopping.OnEpochEnd(state, new EpochResult(epoch, new Dictionary<string, double> { [stopping.Monitor] = values[epoch - 1] }, 0));
        return stopping.StoppedEpoch;
    }

    [Test]
    public void ModeMin_OnAnAccuracy_TakesARiseAsNoImprovement()
    {
        Assert.That(StoppedEpoch(new EarlyStopping("val_accuracy", mode: MonitorMode.Min), 0.5, 0.6, 0.7), Is.EqualTo(2));
        Assert.That(StoppedEpoch(new EarlyStopping("val_accuracy"), 0.5, 0.6, 0.7), Is.Null, "Auto: higher is better for accuracy");
    }

    [Test]
    public void ModeMax_OnALoss_TakesAFallAsNoImprovement()
    {
        Assert.That(StoppedEpoch(new EarlyStopping("val_loss", mode: MonitorMode.Max), 1.0, 0.9, 0.8), Is.EqualTo(2));
        Assert.That(StoppedEpoch(new EarlyStopping("val_loss"), 1.0, 0.9, 0.8), Is.Null, "Auto: lower is better for a loss");
    }

    [Test]
    public void Mae_LowerIsBetterByDefault()
    {
        Assert.That(StoppedEpoch(new EarlyStopping("mae"), 3, 2, 1), Is.Null);
        Assert.That(StoppedEpoch(new EarlyStopping("mae"), 1, 2, 3), Is.EqualTo(2));
    }

    [Test]
    public void ValMae_InFit_StopsWhenItStopsImproving()
    {
        // A learning rate of 0 leaves the model unchanged, so val_mae is the same every epoch: epoch 1 is the best, 3 stops.
        var stopping = new EarlyStopping("val_mae", patience: 1);

        var history = new Sequential(2, [new Dense(1)], seed: 1).Fit(TrainingData.Regression(30, 1), new MeanSquaredError(), new Sgd(0),
            epochs: 10, batchSize: 8, validation: TrainingData.Regression(10, 2), callbacks: [stopping], verbose: false);

        Assert.That(history.Epochs, Has.Count.EqualTo(3));
        Assert.That((stopping.BestEpoch, stopping.StoppedEpoch), Is.EqualTo((1, 3)));
    }
}
