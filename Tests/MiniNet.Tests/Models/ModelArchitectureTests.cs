using MiniNet.Checkpoints;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Ops;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Tests.Data;
using MiniNet.Tests.Training;
using MiniNet.Training;

namespace MiniNet.Tests.Models;

/// <summary><c>Checkpoint.SaveModel</c> stores the architecture, so <c>Sequential.Load</c> rebuilds a model without its code
/// (Keras's <c>load_model</c>) and a load into a model built differently names the first difference.</summary>
public class ModelArchitectureTests
{
    private static Layer[] Convnet() =>
    [
        new Conv2D(3, 3, Activation.Relu, padding: Padding.Same), new BatchNormalization(momentum: 0.9, epsilon: 1e-4),
        new MaxPooling2D(), new Conv2D(2, 2, Activation.Tanh, strides: 2, useBias: false), new AveragePooling2D(1),
        new Flatten(), new Dropout(0.25, seed: 5), new Dense(3, Activation.Softmax),
    ];

    [Test]
    public void Load_RebuildsEveryLayerKindWithItsSettingsAndWeights()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "convnet.model");
        var saved = new Sequential([8, 8, 1], Convnet(), seed: 3, dtype: DType.Float64);
        var inputs = TestTensors.Uniform(9, -1, 1, 4, 8, 8, 1).To(DType.Float64);
        saved.Call(inputs, training: true); // moves the batch normalization's moving statistics and the dropout step off their start
        Checkpoint.SaveModel(path, saved);

        var loaded = Sequential.Load(path);

        Assert.That(loaded.Layers.Select(LayerConfig.Of), Is.EqualTo(saved.Layers.Select(LayerConfig.Of)).Using<LayerConfig>((a, b) => a.Difference(b) == null));
        Assert.That(loaded.InputShape, Is.EqualTo(new[] { 8, 8, 1 }));
        Assert.That(loaded.DType, Is.EqualTo(DType.Float64));
        var conv = (Conv2D)loaded.Layers[3];
        Assert.That((conv.Filters, conv.KernelSize, conv.Strides, conv.UseBias, conv.Activation), Is.EqualTo((2, 2, 2, false, Activation.Tanh)));
        Assert.That(((BatchNormalization)loaded.Layers[1]).Momentum, Is.EqualTo(0.9));
        for (int i = 0; i < saved.Variables.Count; i++)
            Assert.That(loaded.Variables[i].ToArray<double>(), Is.EqualTo(saved.Variables[i].ToArray<double>()), saved.Variables[i].Name);
        Assert.That(loaded.Call(inputs).ToArray<double>(), Is.EqualTo(saved.Call(inputs).ToArray<double>()));
    }

    [Test]
    public void LoadModel_ReturnsTheModelWithItsNormalizationAndEncoding()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.bin");
        var data = TrainingData.Regression(30, seed: 1);
        var normalization = new Normalization();
        normalization.Adapt(data);
        var trained = new Sequential(2, [normalization, new Dense(4, Activation.Relu), new Dense(1)], seed: 1);
        trained.Fit(data, new MeanSquaredError(), new Sgd(0.05), epochs: 2, batchSize: 8, verbose: false);
        Checkpoint.SaveModel(path, trained);

        var (model, encoding) = Checkpoint.LoadModel(path);

        Assert.That(encoding, Is.Null);
        Assert.That(model.Predict(data).ToArray<float>(), Is.EqualTo(trained.Predict(data).ToArray<float>()));
    }

    [Test]
    public void LoadModel_IntoAModelWithAnotherActivation_ThrowsNamingTheLayerAndBothActivations()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.bin");
        Checkpoint.SaveModel(path, new Sequential(2, [new Dense(8, Activation.Relu), new Dense(2)], seed: 1));
        var tanh = new Sequential(2, [new Dense(8, Activation.Tanh), new Dense(2)], seed: 1);
        float[] before = tanh.Variables[0].ToArray<float>();

        Assert.That(() => Checkpoint.LoadModel(path, tanh), Throws.InstanceOf<CheckpointException>().With.Message.EqualTo(
            $"checkpoint {path}: it was saved from a model built differently; the first difference, the file's then the model's: layer 0 (dense_0): activation relu, not tanh"));
        Assert.That(tanh.Variables[0].ToArray<float>(), Is.EqualTo(before), "a failed load changes nothing");
    }

    [Test]
    public void LoadModel_IntoAModelWithAnExtraWeightlessLayer_ThrowsNamingTheLayerCounts()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.bin");
        Checkpoint.SaveModel(path, new Sequential(2, [new Dense(2)], seed: 1));

        Assert.That(() => Checkpoint.LoadModel(path, new Sequential(2, [new Dense(2), new Flatten()], seed: 1)),
            Throws.InstanceOf<CheckpointException>().With.Message.Contains("1 layers (dense), not 2 (dense, flatten)"));
    }

    [Test]
    public void Load_OfATrainingCheckpoint_ThrowsSayingItHoldsNoArchitecture()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "run.ckpt");
        var model = new Sequential(2, [new Dense(2)], seed: 1);
        Checkpoint.Save(path, model, new Sgd(0.1), new TrainingPosition(1, 0, 0, 4));

        Assert.That(() => Sequential.Load(path), Throws.InstanceOf<CheckpointException>().With.Message.Contains("holds no model architecture"));
    }

    private sealed class Doubling : Layer
    {
        public override int OutputSize => InputSize;

        public override Tensor Call(Tensor inputs) => inputs + inputs;
    }

    [Test]
    public void Load_OfAModelWithALayerOfYourOwn_ThrowsNamingItsKind()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.bin");
        Checkpoint.SaveModel(path, new Sequential(2, [new Doubling(), new Dense(2)], seed: 1));

        Assert.That(() => Sequential.Load(path), Throws.InstanceOf<CheckpointException>().With.Message.Contains("'doubling' is not a layer kind MiniNet can rebuild"));
        Assert.That(() => Checkpoint.LoadModel(path, new Sequential(2, [new Doubling(), new Dense(2)], seed: 2)), Throws.Nothing);
    }

    [Test]
    public void FromJson_OfToJson_GivesTheSameArchitecture()
    {
        var architecture = ModelArchitecture.Of(new Sequential([8, 8, 1], Convnet(), seed: 3));

        var read = ModelArchitecture.FromJson(architecture.ToJson());

        Assert.That(read.Difference(architecture), Is.Null);
        Assert.That(read.Layers[0].ToString(), Is.EqualTo("conv2d(filters=3, kernelSize=3, activation=relu, strides=1, padding=Same, useBias=true)"));
    }
}
