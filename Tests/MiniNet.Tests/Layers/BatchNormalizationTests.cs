using MiniNet.Checkpoints;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Tests.Data;
using MiniNet.Training;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Layers;

public class BatchNormalizationTests
{
    private static BatchNormalization Layer(Sequential model) => (BatchNormalization)model.Layers[0];

    /// <summary>Per channel (last axis) of a (..., channels) array: the mean and the biased variance over all other axes.</summary>
    private static (double[] Mean, double[] Variance) Moments(double[] values, int channels)
    {
        int rows = values.Length / channels;
        var mean = new double[channels];
        var variance = new double[channels];
        for (int i = 0; i < values.Length; i++) mean[i % channels] += values[i] / rows;
        for (int i = 0; i < values.Length; i++) variance[i % channels] += Math.Pow(values[i] - mean[i % channels], 2) / rows;
        return (mean, variance);
    }

    [Test]
    public void Build_CreatesKerasVariables_GammaAndBetaTrainable_MovingStatisticsNot()
    {
        var model = new Sequential([5, 5, 3], [new BatchNormalization()]);

        Assert.That(model.TrainableVariables.Select(v => v.Name), Is.EqualTo(new[] { "batchnormalization_0/gamma", "batchnormalization_0/beta" }));
        Assert.That(model.Layers[0].NonTrainableVariables.Select(v => v.Name),
            Is.EqualTo(new[] { "batchnormalization_0/moving_mean", "batchnormalization_0/moving_variance" }));
        Assert.That(Layer(model).Gamma.ToArray<float>(), Is.EqualTo(new[] { 1f, 1, 1 }));
        Assert.That(Layer(model).MovingVariance.ToArray<float>(), Is.EqualTo(new[] { 1f, 1, 1 }));
        Assert.That(model.OutputShape, Is.EqualTo(new[] { 5, 5, 3 }));
    }

    /// <summary>Undoing gamma and beta leaves each channel of a training-mode output with mean 0 and variance
    /// σ²/(σ² + ε), which is 1 to within 1e-9 with ε = 1e-9.</summary>
    [Test]
    public void Call_Training_EachChannelHasMeanZeroAndVarianceOneBeforeGammaAndBeta()
    {
        var model = new Sequential([4, 4, 3], [new BatchNormalization(epsilon: 1e-9)], dtype: DType.Float64);
        Layer(model).Gamma.Assign(new Tensor([2.0, 0.5, -1], 3));
        Layer(model).Beta.Assign(new Tensor([1.0, -3, 0.25], 3));
        var x = Uniform(1, -2, 6, 5, 4, 4, 3);

        var y = model.Call(x, training: true).ToArray<double>();

        var unscaled = y.Select((v, i) => (v - Layer(model).Beta.GetFlat(i % 3)) / Layer(model).Gamma.GetFlat(i % 3)).ToArray();
        var (mean, variance) = Moments(unscaled, 3);
        Assert.That(mean, Is.All.EqualTo(0).Within(1e-9));
        Assert.That(variance, Is.All.EqualTo(1).Within(1e-8));
    }

    [Test]
    public void Call_TwoTrainingSteps_MoveTheStatisticsByKerasFormula()
    {
        var model = new Sequential([2, 2, 2], [new BatchNormalization(momentum: 0.9)], dtype: DType.Float64);
        var first = Uniform(1, -2, 6, 3, 2, 2, 2);
        var second = Uniform(2, 0, 1, 3, 2, 2, 2);
        var (mean1, variance1) = Moments(first.ToArray<double>(), 2);
        var (mean2, variance2) = Moments(second.ToArray<double>(), 2);

        model.Call(first, training: true);
        model.Call(second, training: true);

        // moving = moving·0.9 + batch·0.1, from 0 (mean) and 1 (variance).
        var expectedMean = new[] { 0, 1 }.Select(c => (0 * 0.9 + mean1[c] * 0.1) * 0.9 + mean2[c] * 0.1);
        var expectedVariance = new[] { 0, 1 }.Select(c => (1 * 0.9 + variance1[c] * 0.1) * 0.9 + variance2[c] * 0.1);
        Assert.That(Layer(model).MovingMean.ToArray<double>(), Is.EqualTo(expectedMean).Within(1e-12));
        Assert.That(Layer(model).MovingVariance.ToArray<double>(), Is.EqualTo(expectedVariance).Within(1e-12));
    }

    [Test]
    public void Call_Inference_UsesTheMovingStatisticsAndLeavesThemAlone()
    {
        var model = new Sequential([3], [new BatchNormalization()], dtype: DType.Float64);
        var layer = Layer(model);
        layer.MovingMean.Assign(new Tensor([1.0, -2, 0.5], 3));
        layer.MovingVariance.Assign(new Tensor([4.0, 0.25, 1], 3));
        layer.Gamma.Assign(new Tensor([2.0, 1, 1], 3));
        layer.Beta.Assign(new Tensor([0.0, 0, 10], 3));

        var y = model.Call(new Tensor([3.0, -2, 0.5], 1, 3)).ToArray<double>();

        // (3 − 1)/√4.001·2, (−2 + 2)/√0.251, (0.5 − 0.5)/√1.001 + 10
        Assert.That(y, Is.EqualTo(new[] { 4 / Math.Sqrt(4.001), 0, 10 }).Within(1e-12));
        Assert.That(layer.MovingMean.ToArray<double>(), Is.EqualTo(new[] { 1.0, -2, 0.5 }));
        Assert.That(layer.MovingVariance.ToArray<double>(), Is.EqualTo(new[] { 4.0, 0.25, 1 }));
    }

    [Test]
    public void FitAndEvaluate_FitUpdatesTheMovingStatistics_EvaluateDoesNot()
    {
        var data = Training.TrainingData.Blobs(64, seed: 2);
        var model = new Sequential(2, [new BatchNormalization(), new Dense(2)]);
        var layer = (BatchNormalization)model.Layers[0];

        model.Fit(data, new SparseCategoricalCrossEntropy(), new Sgd(0.1), epochs: 1, batchSize: 16, verbose: false);
        var (mean, variance) = (layer.MovingMean.ToArray<float>(), layer.MovingVariance.ToArray<float>());
        model.Evaluate(data, new SparseCategoricalCrossEntropy());

        Assert.That(mean, Is.Not.EqualTo(new[] { 0f, 0 }));
        Assert.That(variance, Is.Not.EqualTo(new[] { 1f, 1 }));
        Assert.That(layer.MovingMean.ToArray<float>(), Is.EqualTo(mean));
        Assert.That(layer.MovingVariance.ToArray<float>(), Is.EqualTo(variance));
    }

    [Test]
    public void CheckpointSaveLoad_RestoresTheMovingStatistics()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "bn.ckpt");
        Sequential Build() => new([3, 3, 2], [new BatchNormalization(momentum: 0.5), new Flatten(), new Dense(2)]);
        var trained = Build();
        for (int step = 0; step < 3; step++) trained.Call(Uniform(step, -3, 5, 4, 3, 3, 2).To(DType.Float32), training: true);
        Checkpoint.Save(path, trained, new Sgd(0.1), new TrainingPosition(0, 3, Seed: 0, BatchSize: 4));

        var restored = Build();
        Checkpoint.Load(path, restored, new Sgd(0.1));

        var (saved, loaded) = ((BatchNormalization)trained.Layers[0], (BatchNormalization)restored.Layers[0]);
        Assert.That(saved.MovingMean.ToArray<float>(), Is.Not.EqualTo(new[] { 0f, 0 }));
        Assert.That(loaded.MovingMean.ToArray<float>(), Is.EqualTo(saved.MovingMean.ToArray<float>()));
        Assert.That(loaded.MovingVariance.ToArray<float>(), Is.EqualTo(saved.MovingVariance.ToArray<float>()));
        var x = Uniform(9, -1, 1, 2, 3, 3, 2).To(DType.Float32);
        Assert.That(restored.Call(x).ToArray<float>(), Is.EqualTo(trained.Call(x).ToArray<float>()));
    }

    [TestCase(-0.1, 1e-3)]
    [TestCase(1.5, 1e-3)]
    [TestCase(0.99, 0.0)]
    public void Constructor_MomentumOrEpsilonOutOfRange_Throws(double momentum, double epsilon)
    {
        Assert.That(() => new BatchNormalization(momentum, epsilon), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.StartsWith("batch normalization: "));
    }
}
