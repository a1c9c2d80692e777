using MiniNet.Autodiff;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Training;

namespace MiniNet.Tests.Training;

public class SequentialTrainingTests
{
    private static Sequential SmallModel(int seed = 1) => new(2, [new Dense(8, Activation.Relu), new Dense(2)], seed);

    [Test]
    public void Fit_SeparableBlobs_ReachesHighAccuracyAndLogsEveryEpoch()
    {
        var model = SmallModel();

        var history = model.Fit(TrainingData.Blobs(200, seed: 1), new SparseCategoricalCrossEntropy(), new Sgd(0.1, 0.9), epochs: 5, batchSize: 16);

        Assert.That(history.Epochs, Has.Count.EqualTo(5));
        Assert.That(history["loss"][^1], Is.LessThan(history["loss"][0]));
        Assert.That(history["accuracy"][^1], Is.GreaterThan(0.95));
        Assert.That(history.Epochs.Select(e => e.TrainSeconds), Has.All.GreaterThan(0));
    }

    [Test]
    public void Fit_WithValidation_LogsValidationLossAndAccuracy()
    {
        var history = SmallModel().Fit(TrainingData.Blobs(100, 1), new SparseCategoricalCrossEntropy(), new Sgd(0.1), 2,
            batchSize: 10, validation: TrainingData.Blobs(50, 2));

        Assert.That(history.Epochs[0].Logs.Keys, Is.EquivalentTo(new[] { "loss", "accuracy", "val_loss", "val_accuracy" }));
    }

    [Test]
    public void Fit_IsTheHandWrittenLoop_SameWeightsBitForBit()
    {
        var data = TrainingData.Blobs(100, seed: 4);
        var loss = new SparseCategoricalCrossEntropy();
        var fitted = SmallModel(seed: 3);
        fitted.Fit(data, loss, new Sgd(0.05, 0.9), epochs: 3, batchSize: 16, seed: 9);

        var handTrained = SmallModel(seed: 3);
        var optimizer = new Sgd(0.05, 0.9);
        var batches = data.Shuffle(9).Batch(16);
        for (int epoch = 0; epoch < 3; epoch++)
            foreach (var (x, y) in batches)
            {
                using var tape = new GradientTape();
                var value = loss.Call(y, handTrained.Call(x));
                var gradients = tape.Gradient(value, handTrained.TrainableVariables);
                optimizer.ApplyGradients(gradients.Zip(handTrained.TrainableVariables));
            }

        for (int i = 0; i < fitted.TrainableVariables.Count; i++)
            Assert.That(fitted.TrainableVariables[i].ToArray<float>(), Is.EqualTo(handTrained.TrainableVariables[i].ToArray<float>()));
    }

    [Test]
    public void Fit_SameSeed_GivesIdenticalHistories()
    {
        History Run() => SmallModel(seed: 5).Fit(TrainingData.Blobs(120, 3), new SparseCategoricalCrossEntropy(), new Sgd(0.1, 0.9), 3, 8, seed: 2);

        Assert.That(Run()["loss"], Is.EqualTo(Run()["loss"]));
    }

    [Test]
    public void Fit_NaNWeight_StopsNamingEpochBatchAndVariable()
    {
        var model = SmallModel();
        model.TrainableVariables[0][0, 0] = double.NaN;

        // The NaN is there from the start, so the run's very first step diverges: epoch 1, batch 1 (both count from 1).
        var error = Assert.Throws<TrainingDivergedException>(() =>
            model.Fit(TrainingData.Blobs(32, 1), new SparseCategoricalCrossEntropy(), new Sgd(0.1), 2, 8));

        Assert.That(error!.Message, Does.StartWith("training diverged at epoch 1, batch 1: loss NaN")
            .And.Contains("first non-finite gradient: 'dense_0/kernel'"));
        Assert.That((error.Epoch, error.Batch, error.Variable), Is.EqualTo((1, 1, "dense_0/kernel")));
    }

    [Test]
    public void Fit_CheckFiniteOff_DoesNotThrow()
    {
        var model = SmallModel();
        model.TrainableVariables[0][0, 0] = double.NaN;

        var history = model.Fit(TrainingData.Blobs(32, 1), new SparseCategoricalCrossEntropy(), new Sgd(0.1), 1, 8, checkFinite: false);

        Assert.That(history["loss"][0], Is.NaN);
    }

    [TestCase(0, "epochs")]
    [TestCase(-1, "epochs")]
    public void Fit_NonPositiveEpochs_ThrowsNamingTheParameter(int epochs, string parameter)
    {
        Assert.That(() => SmallModel().Fit(TrainingData.Blobs(8, 1), new SparseCategoricalCrossEntropy(), new Sgd(0.1), epochs),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo(parameter));
    }

    [Test]
    public void Fit_ZeroBatchSize_ThrowsNamingTheParameter()
    {
        Assert.That(() => SmallModel().Fit(TrainingData.Blobs(8, 1), new SparseCategoricalCrossEntropy(), new Sgd(0.1), 1, batchSize: 0),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("batchSize"));
    }

    [Test]
    public void Evaluate_CountsEveryExampleInTheConfusionMatrix()
    {
        var evaluation = SmallModel().Evaluate(TrainingData.Blobs(37, 1), new SparseCategoricalCrossEntropy(), batchSize: 10);

        Assert.That(evaluation.Confusion!.Total, Is.EqualTo(37));
        Assert.That(evaluation.Accuracy, Is.EqualTo((double)(evaluation.Confusion![0, 0] + evaluation.Confusion[1, 1]) / 37).Within(1e-12));
    }

    [Test]
    public void Fit_LeavesNoTensorOfTheStepsAlive()
    {
        // Each step's tensors (batch, activations, gradients) go back to the pool when the step ends, so once one Fit has filled
        // the pool a second Fit of the same shapes allocates no tensor buffer. A step here makes several (64, 256) float32
        // tensors of 64 KiB each: one step that kept its tensors alive (or never recycled them) would allocate far over 16 KiB.
        var model = new Sequential(2, [new Dense(256, Activation.Relu), new Dense(2)], seed: 1);
        var data = TrainingData.Blobs(640, 1);
        var loss = new SparseCategoricalCrossEntropy();
        var optimizer = new Sgd(0.1);
        model.Fit(data, loss, optimizer, epochs: 1, batchSize: 64);

        long before = GC.GetAllocatedBytesForCurrentThread();
        model.Fit(data, loss, optimizer, epochs: 1, batchSize: 64);
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;

        TestContext.Out.WriteLine($"bytes allocated per step of the second Fit: {perStep}");
        Assert.That(perStep, Is.LessThan(16 * 1024));
    }

    [Test]
    public void Fit_InputWidthDiffersFromModel_ThrowsBeforeTraining()
    {
        var model = new Sequential(3, [new Dense(2)], seed: 1);
        float[] before = model.TrainableVariables[0].ToArray<float>();

        Assert.That(() => model.Fit(TrainingData.Blobs(8, 1), new SparseCategoricalCrossEntropy(), new Sgd(0.1), 1),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("train")
                .And.Message.StartsWith("fit: train's examples have features of shape (2) but the model takes inputs of width 3"));
        Assert.That(model.TrainableVariables[0].ToArray<float>(), Is.EqualTo(before));
    }

    [Test]
    public void Fit_ValidationLabelOutOfRange_ThrowsBeforeTheFirstEpoch()
    {
        var validation = new MiniNet.Data.Dataset([0f, 0f, 1f, 1f], [1, 5], featureCount: 2);
        var model = SmallModel();
        float[] before = model.TrainableVariables[0].ToArray<float>();

        Assert.That(() => model.Fit(TrainingData.Blobs(8, 1), new SparseCategoricalCrossEntropy(), new Sgd(0.1), 1, validation: validation),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("validation")
                .And.Message.StartsWith("fit: validation label 5 of example 1 is not a class index of the model's 2 outputs (expected 0 to 1)"));
        Assert.That(model.TrainableVariables[0].ToArray<float>(), Is.EqualTo(before));
    }

    [Test]
    public void Fit_NullCallback_ThrowsNamingItsPosition()
    {
        Assert.That(() => SmallModel().Fit(TrainingData.Blobs(8, 1), new SparseCategoricalCrossEntropy(), new Sgd(0.1), 1, callbacks: [new EpochLogger(TextWriter.Null), null!]),
            Throws.ArgumentException.With.Message.StartsWith("fit: callback 1 is null"));
    }
}
