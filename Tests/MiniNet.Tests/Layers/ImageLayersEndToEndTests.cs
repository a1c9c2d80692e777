using MiniNet.Checkpoints;
using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Training;

namespace MiniNet.Tests.Layers;

/// <summary>Pooling, Flatten, Dropout and BatchNormalization together in a model trained by Fit and by the hand-written loop.</summary>
public class ImageLayersEndToEndTests
{
    private static Sequential Model(int seed = 0) =>
        new([8, 8, 1], [new MaxPooling2D(), new Flatten(), new Dropout(0.5, seed: 1), new BatchNormalization(), new Dense(3)], seed);

    /// <summary>8x8 images of noise in [0, 1) with one quadrant brightened by 1: class 0, 1 or 2 says which.</summary>
    private static Dataset Images(int count, int seed)
    {
        var random = new Random(seed);
        var features = new float[count * 64];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            labels[n] = random.Next(3);
            for (int i = 0; i < 64; i++)
            {
                int quadrant = i / 8 / 4 * 2 + i % 8 / 4;
                features[n * 64 + i] = (float)random.NextDouble() + (quadrant == labels[n] ? 1 : 0);
            }
        }
        return Dataset.FromClassIndices(features, [8, 8, 1], labels);
    }

    [Test]
    public void Fit_PoolFlattenDropoutBatchNormDense_TrainsAndTheLossDecreases()
    {
        var model = Model();

        var history = model.Fit(Images(192, seed: 1), new SparseCategoricalCrossEntropy(), new Adam(0.01), epochs: 5, batchSize: 32, verbose: false);

        var losses = history["loss"];
        TestContext.Out.WriteLine($"losses: {string.Join(", ", losses)}");
        Assert.That(losses, Is.All.Not.NaN);
        Assert.That(losses[^1], Is.LessThan(0.8 * losses[0]));
        Assert.That(((Dropout)model.Layers[2]).Step.Item(), Is.EqualTo(5 * 6), "one mask per training step");
    }

    [Test]
    public void Fit_AfterWarmUp_AllocatesLittlePerStep()
    {
        var model = Model();
        var data = Images(640, seed: 2);
        var loss = new SparseCategoricalCrossEntropy();
        var optimizer = new Sgd(0.1);
        model.Fit(data, loss, optimizer, epochs: 1, batchSize: 64, verbose: false);

        long before = GC.GetAllocatedBytesForCurrentThread();
        model.Fit(data, loss, optimizer, epochs: 1, batchSize: 64, verbose: false);
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;

        TestContext.Out.WriteLine($"bytes allocated per step of the second Fit: {perStep}");
        Assert.That(perStep, Is.LessThan(16 * 1024));
    }

    /// <summary>Ten steps straight, or six, a checkpoint, a model built from another seed loading it, and four more: every
    /// variable (weights, moving statistics, the dropout step) comes out bit for bit the same.</summary>
    [Test]
    public void CheckpointResume_WithDropoutAndBatchNorm_BitIdenticalToAnUninterruptedRun()
    {
        using var folder = new Data.TempFolder();
        string path = Path.Combine(folder.Path, "run.ckpt");
        var batches = Images(64, seed: 3).Batch(16).ToList();
        var straight = Model();
        var straightOptimizer = new Adam(0.01);
        Train(straight, straightOptimizer, 0, 10);

        var first = Model();
        var firstOptimizer = new Adam(0.01);
        Train(first, firstOptimizer, 0, 6);
        Checkpoint.Save(path, first, firstOptimizer, new TrainingPosition(1, 2, Seed: 0, BatchSize: 16));
        var resumed = Model(seed: 99);
        var resumedOptimizer = new Adam(0.01);
        Checkpoint.Load(path, resumed, resumedOptimizer);
        Train(resumed, resumedOptimizer, 6, 10);

        for (int i = 0; i < straight.Variables.Count; i++)
        {
            var (expected, actual) = (straight.Variables[i], resumed.Variables[i]);
            Assert.That(Enumerable.Range(0, actual.Length).Select(actual.GetFlat), Is.EqualTo(Enumerable.Range(0, expected.Length).Select(expected.GetFlat)), expected.Name);
        }

        void Train(Sequential model, Optimizer optimizer, int fromStep, int toStep)
        {
            var loss = new SparseCategoricalCrossEntropy();
            for (int step = fromStep; step < toStep; step++)
            {
                var (x, y) = batches[step % batches.Count];
                using var tape = new MiniNet.Autodiff.GradientTape();
                var value = loss.Call(y, model.Call(x, training: true));
                optimizer.ApplyGradients(tape.Gradient(value, model.TrainableVariables).Zip(model.TrainableVariables));
            }
        }
    }
}
