using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Training;

namespace MiniNet.Tests.Training;

public class CapturedTrainStepTests
{
    // 336 examples: five batches of 64 and a last one of 16, which runs eagerly.
    private static Dataset Digits(int count = 336)
    {
        var random = new Random(5);
        var features = new float[count * 20];
        for (int i = 0; i < features.Length; i++) features[i] = (float)random.NextDouble();
        return new Dataset(features, [.. Enumerable.Range(0, count).Select(i => random.Next(4))], featureCount: 20, classCount: 4);
    }

    private static Sequential Mlp(params Layer[] extra) => new(20, [new Dense(16, Activation.Relu), .. extra, new Dense(4)], seed: 3);

    [Test]
    public void Fit_ByDefault_ReplaysTheStep_AndGivesTheEagerRunsNumbersBitForBit()
    {
        var (captured, eager) = (Mlp(), Mlp());
        var step = new CapturedTrainStep();
        var capturedHistory = captured.Fit(Digits(), new SparseCategoricalCrossEntropy(), new Sgd(0.1, 0.9), epochs: 3, batchSize: 64, seed: 1, verbose: false, step: step);
        var eagerHistory = eager.Fit(Digits(), new SparseCategoricalCrossEntropy(), new Sgd(0.1, 0.9), epochs: 3, batchSize: 64, seed: 1, verbose: false, runEagerly: true);

        Assert.That(step.EagerBecause, Is.Null);
        Assert.That(capturedHistory["loss"], Is.EqualTo(eagerHistory["loss"]));
        Assert.That(capturedHistory["accuracy"], Is.EqualTo(eagerHistory["accuracy"]));
        for (int i = 0; i < eager.TrainableVariables.Count; i++)
            Assert.That(captured.TrainableVariables[i].AsSpan<float>().ToArray(), Is.EqualTo(eager.TrainableVariables[i].AsSpan<float>().ToArray()));
    }

    [Test]
    public void Fit_Regression_WithClipping_ReplaysTheStep_AndGivesTheEagerRunsNumbersBitForBit()
    {
        var random = new Random(2);
        var features = Enumerable.Range(0, 100 * 3).Select(_ => (float)random.NextDouble()).ToArray();
        var targets = Enumerable.Range(0, 100 * 2).Select(_ => (float)random.NextDouble()).ToArray();
        var data = Dataset.FromValues(features, [3], targets, [2]);
        Sequential Model() => new(3, [new Dense(8, Activation.Tanh), new Dense(2)], seed: 4);
        var (captured, eager) = (Model(), Model());
        var step = new CapturedTrainStep();
        var capturedHistory = captured.Fit(data, new MeanSquaredError(), new Adam(0.05) { ClipNorm = 0.05 }, epochs: 3, batchSize: 32, verbose: false, step: step);
        var eagerHistory = eager.Fit(data, new MeanSquaredError(), new Adam(0.05) { ClipNorm = 0.05 }, epochs: 3, batchSize: 32, verbose: false, runEagerly: true);

        Assert.That(step.EagerBecause, Is.Null);
        Assert.That(capturedHistory["loss"], Is.EqualTo(eagerHistory["loss"]));
        Assert.That(captured.TrainableVariables[0].AsSpan<float>().ToArray(), Is.EqualTo(eager.TrainableVariables[0].AsSpan<float>().ToArray()));
    }

    // Measures what each batch's step allocates, around the step Fit would run.
    private sealed class Measured(TrainStep inner) : TrainStep
    {
        public List<long> Bytes { get; } = [];

        public override double Run(FitState state, Tensor x, Tensor y)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            double loss = inner.Run(state, x, y);
            Bytes.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            return loss;
        }
    }

    [Test]
    public void Fit_ReplayedSteps_AllocateNothing()
    {
        var measured = new Measured(new CapturedTrainStep());
        Mlp().Fit(Digits(), new SparseCategoricalCrossEntropy(), new Sgd(0.1, 0.9), epochs: 2, batchSize: 64, verbose: false, step: measured);

        // Each epoch: five full batches then the partial one (eager); the first two full batches run eagerly and capture.
        var replayed = measured.Bytes.Where((_, i) => i % 6 is >= 2 and < 5 && i > 2).ToList();
        TestContext.Out.WriteLine($"bytes per step: {string.Join(", ", measured.Bytes)}");
        Assert.That(replayed, Has.Count.EqualTo(5));
        Assert.That(replayed, Is.All.EqualTo(0));
        Assert.That(measured.Bytes[5], Is.GreaterThan(0), "the partial batch runs eagerly");
    }

    [Test]
    public void Fit_WithDropout_ReplaysTheStep_AndGivesTheEagerRunsNumbersBitForBit()
    {
        var (captured, eager) = (Mlp(new Dropout(0.3, seed: 1)), Mlp(new Dropout(0.3, seed: 1)));
        var step = new CapturedTrainStep();
        var capturedHistory = captured.Fit(Digits(), new SparseCategoricalCrossEntropy(), new Sgd(0.1), epochs: 2, batchSize: 64, verbose: false, step: step);
        var eagerHistory = eager.Fit(Digits(), new SparseCategoricalCrossEntropy(), new Sgd(0.1), epochs: 2, batchSize: 64, verbose: false, runEagerly: true);

        Assert.That(step.EagerBecause, Is.Null);
        Assert.That(capturedHistory["loss"], Is.EqualTo(eagerHistory["loss"]));
        Assert.That(captured.TrainableVariables[2].AsSpan<float>().ToArray(), Is.EqualTo(eager.TrainableVariables[2].AsSpan<float>().ToArray()));
    }

    [Test]
    public void Fit_WithBatchNormalization_RunsEagerly_AndSaysWhy()
    {
        var step = new CapturedTrainStep();
        Mlp(new BatchNormalization()).Fit(Digits(), new SparseCategoricalCrossEntropy(), new Sgd(0.1), epochs: 1, batchSize: 64, verbose: false, step: step);

        Assert.That(step.EagerBecause, Does.Contain("batch_norm"));
    }

    // Keras's simple MNIST convnet on 14×14 images: Conv2D+ReLU+pooling run as one fused op, dropout, a partial last batch.
    [Test]
    public void Fit_Convnet_ReplaysTheStep_AllocatingNothing_AndGivesTheEagerRunsNumbersBitForBit()
    {
        var random = new Random(6);
        var images = new Dataset([.. Enumerable.Range(0, 80 * 196).Select(_ => (float)random.NextDouble())],
            [.. Enumerable.Range(0, 80).Select(_ => random.Next(3))], featureCount: 196, classCount: 3).Reshape(14, 14, 1);
        Sequential Convnet() => new([14, 14, 1], [new Conv2D(4, 3, Activation.Relu), new MaxPooling2D(), new Conv2D(8, 3, Activation.Relu),
            new MaxPooling2D(), new Flatten(), new Dropout(0.5, seed: 2), new Dense(3)], seed: 5);
        var (captured, eager) = (Convnet(), Convnet());
        var measured = new Measured(new CapturedTrainStep());
        var capturedHistory = captured.Fit(images, new SparseCategoricalCrossEntropy(), new Sgd(0.05, 0.9), epochs: 2, batchSize: 16, verbose: false, step: measured);
        var eagerHistory = eager.Fit(images, new SparseCategoricalCrossEntropy(), new Sgd(0.05, 0.9), epochs: 2, batchSize: 16, verbose: false, runEagerly: true);

        TestContext.Out.WriteLine($"bytes per step: {string.Join(", ", measured.Bytes)}");
        // Five full batches an epoch: all but the first two replayed. The first replay may allocate once (a container growing
        // to its size, 64 bytes when this test runs alone; nothing when an earlier test grew it), as the MLP's test allows.
        Assert.That(measured.Bytes.Skip(3), Is.All.EqualTo(0), "every replay after the first allocated nothing");
        Assert.That(measured.Bytes[2], Is.LessThanOrEqualTo(128), "the first replay allocated more than a container's growth");
        Assert.That(capturedHistory["loss"], Is.EqualTo(eagerHistory["loss"]));
        for (int i = 0; i < eager.TrainableVariables.Count; i++)
            Assert.That(captured.TrainableVariables[i].AsSpan<float>().ToArray(), Is.EqualTo(eager.TrainableVariables[i].AsSpan<float>().ToArray()));
    }

    // A run resumed at an epoch's last batch meets the partial batch first: the step's inputs take the next batch's shape,
    // so the full batches after it are still replayed.
    [Test]
    public void Run_APartialBatchFirst_StillReplaysTheFullBatchesAfterIt()
    {
        var data = Digits(16 + 6 * 64);
        var (capturedModel, eagerModel) = (Mlp(), Mlp());
        var captured = new FitState(capturedModel, new SparseCategoricalCrossEntropy(), new Sgd(0.1, 0.9), epochs: 1, batchesPerEpoch: 7);
        var eager = new FitState(eagerModel, new SparseCategoricalCrossEntropy(), new Sgd(0.1, 0.9), epochs: 1, batchesPerEpoch: 7);
        var (step, plain) = (new CapturedTrainStep(), new TrainStep());
        var capturedLosses = new List<double>();
        var eagerLosses = new List<double>();
        long lastBytes = -1;
        foreach (int start in new[] { 0, 16, 80, 144, 208, 272, 336 })
        {
            int size = start == 0 ? 16 : 64;
            var (x, y) = (data.Skip(start).Take(size).Batch(size).First().Features, data.Skip(start).Take(size).Batch(size).First().Targets);
            long before = GC.GetAllocatedBytesForCurrentThread();
            capturedLosses.Add(step.Run(captured, x, y));
            lastBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            TestContext.Out.WriteLine($"batch at {start}: {lastBytes} bytes");
            eagerLosses.Add(plain.Run(eager, x, y));
        }

        Assert.That(step.EagerBecause, Is.Null);
        Assert.That(lastBytes, Is.EqualTo(0), "the sixth full batch was replayed");
        Assert.That(capturedLosses, Is.EqualTo(eagerLosses));
    }
}
