using MiniNet.Autodiff;
using MiniNet.Data;
using MiniNet.Metrics;
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
        AssertFitIsTheHandWrittenLoop(TrainingData.Blobs(100, seed: 4), new SparseCategoricalCrossEntropy(), () => SmallModel(seed: 3));
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
                .And.Message.StartsWith("fit: train's examples have features of shape (2) but the model takes inputs of shape (3)"));
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

    private static Sequential RegressionModel(int seed = 1) => new(2, [new Dense(4, Activation.Relu), new Dense(1)], seed);

    // The features of data as a (count, width) float32 tensor.
    private static Tensor FeaturesOf(Dataset data) => new(data.Features.ToArray(), data.Count, data.FeatureCount);

    [Test]
    public void Fit_Regression_IsTheHandWrittenLoop_SameWeightsBitForBit()
    {
        AssertFitIsTheHandWrittenLoop(TrainingData.Regression(60, seed: 4), new MeanSquaredError(), () => RegressionModel(seed: 3));
    }

    [Test]
    public void Fit_BinaryCrossEntropyFromLogits_LogsBinaryAccuracyThresholdedAtZero()
    {
        var model = new Sequential(2, [new Dense(8, Activation.Tanh), new Dense(1)], seed: 2);
        var validation = TrainingData.Xor(60, seed: 8);

        var history = model.Fit(TrainingData.Xor(200, seed: 7), new BinaryCrossEntropy(fromLogits: true), new Sgd(0.1, 0.9), epochs: 3,
            batchSize: 20, validation: validation, verbose: false);

        // The last epoch's validation accuracy is measured with the final weights: count logits > 0 against the targets by hand.
        float[] logits = model.Call(FeaturesOf(validation)).ToArray<float>();
        var targets = validation.TargetValues.ToArray();
        int correct = Enumerable.Range(0, 60).Count(i => logits[i] > 0 == (targets[i] == 1));
        int correctAtOneHalf = Enumerable.Range(0, 60).Count(i => logits[i] > 0.5 == (targets[i] == 1));
        Assume.That(correctAtOneHalf, Is.Not.EqualTo(correct), "thresholds 0 and 0.5 must give different counts for this test to tell them apart");
        Assert.That(history.Epochs[0].Logs.Keys, Is.EqualTo(new[] { "loss", "accuracy", "val_loss", "val_accuracy" }));
        Assert.That(history["val_accuracy"][^1], Is.EqualTo(correct / 60.0).Within(1e-12));
    }

    [Test]
    public void Fit_MaeWithValidation_LogsKerasKeysAndTheHandComputedValidationMae()
    {
        var model = RegressionModel();
        var validation = TrainingData.Regression(30, seed: 2);

        var history = model.Fit(TrainingData.Regression(60, seed: 1), new MeanSquaredError(), new Sgd(0.05), epochs: 2, batchSize: 16,
            validation: validation, metrics: ["mae"], verbose: false);

        float[] predictions = model.Call(FeaturesOf(validation)).ToArray<float>();
        var targets = validation.TargetValues.ToArray();
        double mae = Enumerable.Range(0, 30).Average(i => Math.Abs((double)predictions[i] - targets[i]));
        Assert.That(history.Epochs[0].Logs.Keys, Is.EqualTo(new[] { "loss", "mae", "val_loss", "val_mae" }));
        Assert.That(history["val_mae"][^1], Is.EqualTo(mae).Within(1e-9));
    }

    public static IEnumerable<TestCaseData> DefaultMetrics()
    {
        yield return new TestCaseData(new SparseCategoricalCrossEntropy(), TrainingData.Blobs(20, 1), 2, new[] { "loss", "accuracy" }).SetName("Fit_DefaultMetrics_SparseCategoricalCrossEntropy_LogsAccuracy");
        yield return new TestCaseData(new BinaryCrossEntropy(fromLogits: true), TrainingData.Xor(20, 1), 1, new[] { "loss", "accuracy" }).SetName("Fit_DefaultMetrics_BinaryCrossEntropy_LogsAccuracy");
        yield return new TestCaseData(new MeanSquaredError(), TrainingData.Regression(20, 1), 1, new[] { "loss", "mae" }).SetName("Fit_DefaultMetrics_MeanSquaredError_LogsMae");
    }

    [TestCaseSource(nameof(DefaultMetrics))]
    public void Fit_DefaultMetrics_FollowTheLoss(Loss loss, Dataset data, int outputs, string[] keys)
    {
        var history = new Sequential(2, [new Dense(outputs)], seed: 1).Fit(data, loss, new Sgd(0.01), epochs: 1, batchSize: 8, verbose: false);

        Assert.That(history.Epochs[0].Logs.Keys, Is.EqualTo(keys));
    }

    [Test]
    public void Fit_NoMetrics_LogsTheLossOnly()
    {
        var history = RegressionModel().Fit(TrainingData.Regression(20, 1), new MeanSquaredError(), new Sgd(0.01), 1, 8, metrics: [], verbose: false);

        Assert.That(history.Epochs[0].Logs.Keys, Is.EqualTo(new[] { "loss" }));
    }

    [Test]
    public void Fit_AccuracyWithMeanSquaredError_ThrowsBeforeTraining()
    {
        Assert.That(() => RegressionModel().Fit(TrainingData.Regression(20, 1), new MeanSquaredError(), new Sgd(0.01), 1, metrics: ["accuracy"], verbose: false),
            Throws.ArgumentException.With.Message.Contains("accuracy needs a classification loss"));
    }

    [Test]
    public void Fit_ValidationSplit_IsValidationOnTheLastExamples()
    {
        // 50 examples, a quarter held: int(12.5) = 12, so the first 38 train (5 batches of 8 per epoch) and the last 12 validate.
        var data = TrainingData.Regression(50, seed: 3);
        var splitOptimizer = new Sgd(0.05);
        var split = RegressionModel().Fit(data, new MeanSquaredError(), splitOptimizer, epochs: 2, batchSize: 8, seed: 4,
            validationSplit: 0.25, verbose: false);

        var explicitly = RegressionModel().Fit(data.Take(38), new MeanSquaredError(), new Sgd(0.05), epochs: 2, batchSize: 8, seed: 4,
            validation: data.Skip(38), verbose: false);

        Assert.That(splitOptimizer.Iterations, Is.EqualTo(10));
        for (int epoch = 0; epoch < 2; epoch++)
            Assert.That(split.Epochs[epoch].Logs, Is.EquivalentTo(explicitly.Epochs[epoch].Logs));
    }

    [Test]
    public void Fit_ValidationSplitAndValidation_Throws()
    {
        var data = TrainingData.Regression(20, 1);

        Assert.That(() => RegressionModel().Fit(data, new MeanSquaredError(), new Sgd(0.01), 1, validation: data, validationSplit: 0.2, verbose: false),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("validation")
                .And.Message.StartsWith("fit: give validation data or a validationSplit, not both"));
    }

    [TestCase(1.0)]
    [TestCase(-0.1)]
    public void Fit_ValidationSplitOutOfRange_ThrowsNamingIt(double fraction)
    {
        Assert.That(() => RegressionModel().Fit(TrainingData.Regression(20, 1), new MeanSquaredError(), new Sgd(0.01), 1, validationSplit: fraction, verbose: false),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.StartsWith($"fit: validationSplit must be in [0, 1), got {fraction}"));
    }

    // Fit must refuse data that does not fit before its first step: the weights are unchanged.
    private static void AssertRefusedBeforeTraining(Sequential model, Dataset data, Loss loss, string message)
    {
        float[] before = model.TrainableVariables[0].ToArray<float>();

        Assert.That(() => model.Fit(data, loss, new Sgd(0.1), 1, verbose: false),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("train").And.Message.StartsWith(message));
        Assert.That(model.TrainableVariables[0].ToArray<float>(), Is.EqualTo(before));
    }

    [Test]
    public void Fit_SparseCategoricalCrossEntropyGivenFloatTargets_ThrowsNamingBoth()
    {
        AssertRefusedBeforeTraining(SmallModel(), TrainingData.Regression(8, 1), new SparseCategoricalCrossEntropy(),
            "fit: sparse_categorical_crossentropy takes class indices, but train holds float targets of shape (1)");
    }

    [Test]
    public void Fit_MeanSquaredErrorGivenClassIndices_ThrowsNamingBoth()
    {
        AssertRefusedBeforeTraining(RegressionModel(), TrainingData.Blobs(8, 1), new MeanSquaredError(),
            "fit: mean_squared_error takes float targets shaped like the model's output (1), but train holds class indices");
    }

    [Test]
    public void Fit_TargetWidthDiffersFromOutputWidth_ThrowsNamingBoth()
    {
        var data = Dataset.FromValues(new float[8], [2], new float[8], [2]);

        AssertRefusedBeforeTraining(RegressionModel(), data, new MeanSquaredError(), "fit: train's targets have shape (2) but the model's output is (1)");
    }

    [Test]
    public void Fit_BinaryCrossEntropyTargetOutsideZeroOne_ThrowsNamingTheValueAndExample()
    {
        var data = Dataset.FromValues(new float[6], [2], [0, 2, 1], [1]);

        AssertRefusedBeforeTraining(RegressionModel(), data, new BinaryCrossEntropy(),
            "fit: train target 2 of example 1 is outside [0, 1], the range binary_crossentropy takes");
    }

    [Test]
    public void Fit_FeaturesOfAnotherShape_ThrowsNamingBoth()
    {
        var data = Dataset.FromValues(new float[8], [2, 1], new float[4], [1]);

        AssertRefusedBeforeTraining(RegressionModel(), data, new MeanSquaredError(),
            "fit: train's examples have features of shape (2,1) but the model takes inputs of shape (2)");
    }

    // Standard output while Fit runs with the given arguments.
    private static string ConsoleOutputOf(bool verbose, IEnumerable<Callback>? callbacks = null)
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            RegressionModel().Fit(TrainingData.Regression(20, 1), new MeanSquaredError(), new Sgd(0.01), epochs: 3, batchSize: 8,
                callbacks: callbacks, verbose: verbose);
        }
        finally
        {
            Console.SetOut(original);
        }
        return captured.ToString();
    }

    [Test]
    public void Fit_Verbose_PrintsOneLinePerEpochToStandardOutput()
    {
        var lines = ConsoleOutputOf(verbose: true).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines, Has.Length.EqualTo(3));
        for (int epoch = 1; epoch <= 3; epoch++)
            Assert.That(lines[epoch - 1], Does.StartWith($"epoch {epoch}/3  loss ").And.Contains("  mae "));
    }

    [Test]
    public void Fit_NotVerbose_PrintsNothing()
    {
        Assert.That(ConsoleOutputOf(verbose: false), Is.Empty);
    }

    [Test]
    public void Fit_VerboseWithAnEpochLoggerOfItsOwn_PrintsNothingMoreToStandardOutput()
    {
        var own = new StringWriter();

        Assert.That(ConsoleOutputOf(verbose: true, [new EpochLogger(own)]), Is.Empty);
        Assert.That(own.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3));
    }

    [Test]
    public void Evaluate_Regression_HasNoConfusionMatrixAndTheHandComputedMae()
    {
        var model = RegressionModel();
        var data = TrainingData.Regression(25, seed: 6);

        var evaluation = model.Evaluate(data, new MeanSquaredError(), batchSize: 7);

        float[] predictions = model.Call(FeaturesOf(data)).ToArray<float>();
        var targets = data.TargetValues.ToArray();
        Assert.That(evaluation.Confusion, Is.Null);
        Assert.That(evaluation["mae"], Is.EqualTo(Enumerable.Range(0, 25).Average(i => Math.Abs((double)predictions[i] - targets[i]))).Within(1e-9));
        Assert.That(evaluation.Loss, Is.EqualTo(Enumerable.Range(0, 25).Average(i => Math.Pow((double)predictions[i] - targets[i], 2))).Within(1e-6));
    }

    [Test]
    public void Evaluation_AccuracyOfARegression_ThrowsNamingWhatWasMeasured()
    {
        var evaluation = RegressionModel().Evaluate(TrainingData.Regression(10, 1), new MeanSquaredError());

        Assert.That(() => evaluation.Accuracy,
            Throws.InvalidOperationException.With.Message.EqualTo("evaluation: no metric 'accuracy' was measured; measured: loss, mae"));
    }

    // Fit (3 epochs, batch 16, seed 9, momentum SGD) and the README's hand-written loop end on the same weights, bit for bit.
    private static void AssertFitIsTheHandWrittenLoop(Dataset data, Loss loss, Func<Sequential> newModel)
    {
        var fitted = newModel();
        fitted.Fit(data, loss, new Sgd(0.05, 0.9), epochs: 3, batchSize: 16, seed: 9, verbose: false);

        var handTrained = newModel();
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

    // A train step that records the size of every batch it trains on.
    private sealed class SizeRecorder : TrainStep
    {
        public List<int> Sizes { get; } = [];

        public override double Run(FitState state, Tensor x, Tensor y)
        {
            Sizes.Add(y.Shape[0]);
            return base.Run(state, x, y);
        }
    }

    // Process 1 of 2's half of every batch, the larger half to process 0.
    private static (int Start, int Length) SecondHalf(int size) => ((size + 1) / 2, size / 2);

    [Test]
    public void Fit_WithABatchPart_TrainsEachStepOnThePartOnly()
    {
        // 10 examples in batches of 4 are 4 + 4 + 2; process 1 of 2 trains on parts of 2, 2 and 1.
        var step = new SizeRecorder();

        var history = SmallModel().Fit(TrainingData.Blobs(10, 1), new SparseCategoricalCrossEntropy(), new Sgd(0.1), 1, batchSize: 4,
            verbose: false, batchPart: SecondHalf, step: step);

        Assert.That(step.Sizes, Is.EqualTo(new[] { 2, 2, 1 }));
        Assert.That(history["loss"].Single(), Is.GreaterThan(0));
    }

    [Test]
    public void Fit_LogsTheLossAndMetricTotalsACallbackLeavesAfterTheLastStep()
    {
        // A callback that, as MiniNet.Distributed's MetricAverageCallback does, replaces the totals after each step: 10
        // examples, all classified right, with a loss summing to 5.
        var replacing = new LambdaCallback(onBatchEnd: (state, _) =>
        {
            state.MeanLoss.Restore(5, 10);
            state.Metrics[0].Restore(new MetricState("accuracy", 10, 10));
        });

        var history = SmallModel().Fit(TrainingData.Blobs(12, 1), new SparseCategoricalCrossEntropy(), new Sgd(0.1), 1, batchSize: 4,
            verbose: false, callbacks: [replacing]);

        Assert.That(history["loss"], Is.EqualTo(new[] { 0.5 }));
        Assert.That(history["accuracy"], Is.EqualTo(new[] { 1.0 }));
    }

    [Test]
    public void Fit_ABatchPartOfTheWholeBatch_IsTheRunWithoutOneBitForBit()
    {
        var (whole, parted) = (SmallModel(seed: 2), SmallModel(seed: 2));

        var wholeHistory = whole.Fit(TrainingData.Blobs(50, 3), new SparseCategoricalCrossEntropy(), new Sgd(0.1, 0.9), 2, 8, seed: 4, verbose: false);
        var partedHistory = parted.Fit(TrainingData.Blobs(50, 3), new SparseCategoricalCrossEntropy(), new Sgd(0.1, 0.9), 2, 8, seed: 4,
            verbose: false, batchPart: size => (0, size));

        Assert.That(partedHistory["loss"], Is.EqualTo(wholeHistory["loss"]));
        Assert.That(partedHistory["accuracy"], Is.EqualTo(wholeHistory["accuracy"]));
        for (int i = 0; i < whole.TrainableVariables.Count; i++)
            Assert.That(parted.TrainableVariables[i].ToArray<float>(), Is.EqualTo(whole.TrainableVariables[i].ToArray<float>()));
    }

    [Test]
    public void Fit_ABatchWhosePartIsEmpty_NamesTheBatchSize()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SmallModel().Fit(TrainingData.Blobs(8, 1), new SparseCategoricalCrossEntropy(),
            new Sgd(0.1), 1, batchSize: 2, verbose: false, batchPart: size => size < 3 ? (0, 0) : (0, size / 3)))!;

        Assert.That(error.ParamName, Is.EqualTo("batchSize"));
        Assert.That(error.Message, Does.Contain("no example of a batch of 2"));
    }
}
