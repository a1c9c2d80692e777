using MiniNet.Autodiff;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Models;

public class SequentialTests
{
    private static Sequential TwoLayerModel(int seed = 0, DType dtype = DType.Float32) =>
        new(2, [new Dense(8, Activation.Tanh), new Dense(3)], seed, dtype);

    [Test]
    public void Constructor_ImageShapeIntoDense_SaysToAddAFlattenLayer()
    {
        Assert.That(() => new Sequential([28, 28, 1], [new Dense(10)]),
            Throws.ArgumentException.With.Message.EqualTo("layer 'dense_0' (Dense) takes flat inputs, but its input examples are (28,28,1); put a Flatten layer before it"));
    }

    [Test]
    public void Call_InputOfAnotherShape_NamesBothShapes()
    {
        var model = new Sequential([2, 3], [new ModeRecorder()]);

        Assert.That(() => model.Call(Tensor.Zeros([4, 3, 2])),
            Throws.ArgumentException.With.Message.StartsWith("sequential: inputs (4,3,2) do not match the model, which expects (batch,2,3)"));
    }

    [Test]
    public void Call_PassesTheTrainingModeToEveryLayer_InferenceByDefault()
    {
        var first = new ModeRecorder();
        var second = new ModeRecorder();
        var model = new Sequential([2, 3], [first, second]);

        model.Call(Tensor.Zeros([1, 2, 3]));
        model.Call(Tensor.Zeros([1, 2, 3]), training: true);

        Assert.That(first.Modes, Is.EqualTo(new[] { false, true }));
        Assert.That(second.Modes, Is.EqualTo(new[] { false, true }));
        Assert.That(model.OutputShape, Is.EqualTo(new[] { 2, 3 }), "a layer that keeps its input's shape");
    }

    // Keeps its input as it is and records the training flag of every call.
    private sealed class ModeRecorder : Layer
    {
        public List<bool> Modes { get; } = [];

        public override int OutputSize => InputSize;

        public override IReadOnlyList<int> OutputShape => InputShape;

        public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

        public override Tensor Call(Tensor inputs, bool training)
        {
            Modes.Add(training);
            return inputs;
        }

        protected override void CreateVariables(IReadOnlyList<int> inputShape, Random random, DType dtype) { }
    }

    [Test]
    public void TrainableVariables_AreNamedAndOrderedLayerByLayerKernelThenBias()
    {
        var model = TwoLayerModel();

        Assert.That(model.TrainableVariables.Select(v => v.Name),
            Is.EqualTo(new[] { "dense_0/kernel", "dense_0/bias", "dense_1/kernel", "dense_1/bias" }));
        Assert.That(model.TrainableVariables.Select(v => ShapeMath.Format([.. v.Shape])),
            Is.EqualTo(new[] { "(2,8)", "(8)", "(8,3)", "(3)" }));
    }

    [Test]
    public void TrainableVariables_AreTheLayersOwnVariablesEveryTime()
    {
        var model = TwoLayerModel();
        var first = (Dense)model.Layers[0];
        var second = (Dense)model.Layers[1];

        Assert.That(model.TrainableVariables, Is.EqualTo(new[] { first.Kernel, first.Bias, second.Kernel, second.Bias }).AsCollection);
        Assert.That(model.TrainableVariables, Is.SameAs(model.TrainableVariables));
    }

    [Test]
    public void Call_ReturnsBatchByUnitsOfTheLastLayer()
    {
        var outputs = TwoLayerModel().Call(Tensor.Zeros([5, 2]));

        Assert.That(outputs.Shape, Is.EqualTo(new[] { 5, 3 }));
    }

    [Test]
    public void Call_InputOfWrongWidth_ThrowsNamingTheInputShapeAndTheExpectedWidth()
    {
        Assert.That(() => TwoLayerModel().Call(Tensor.Zeros([4, 3])), Throws.ArgumentException
            .With.Message.StartsWith("sequential: inputs (4,3) do not match the model, which expects (batch,2)"));
    }

    [Test]
    public void Call_InputNotRank2_ThrowsNamingTheInputShape()
    {
        Assert.That(() => TwoLayerModel().Call(Tensor.Zeros([2])), Throws.ArgumentException
            .With.Message.StartsWith("sequential: inputs (2) do not match the model, which expects (batch,2)"));
    }

    [Test]
    public void Call_InputOfWrongDType_ThrowsNamingBothDTypes()
    {
        Assert.That(() => TwoLayerModel().Call(Tensor.Zeros([4, 2], DType.Float64)), Throws.ArgumentException
            .With.Message.StartsWith("sequential: inputs are float64 but the model's weights are float32"));
    }

    [Test]
    public void Constructor_SameSeed_GivesIdenticalWeights()
    {
        var first = TwoLayerModel(seed: 42);
        var second = TwoLayerModel(seed: 42);

        for (int i = 0; i < first.TrainableVariables.Count; i++)
            Assert.That(second.TrainableVariables[i].ToArray<float>(), Is.EqualTo(first.TrainableVariables[i].ToArray<float>()));
    }

    [Test]
    public void Constructor_DifferentSeeds_GiveDifferentKernels()
    {
        var first = TwoLayerModel(seed: 42);
        var second = TwoLayerModel(seed: 43);

        Assert.That(second.TrainableVariables[0].ToArray<float>(), Is.Not.EqualTo(first.TrainableVariables[0].ToArray<float>()));
        Assert.That(second.TrainableVariables[2].ToArray<float>(), Is.Not.EqualTo(first.TrainableVariables[2].ToArray<float>()));
    }

    [Test]
    public void Training_TwiceFromTheSameSeedAndData_GivesBitIdenticalWeights()
    {
        var initial = TwoLayerModel(seed: 9).TrainableVariables.Select(v => v.ToArray<float>()).ToArray();

        var first = TrainFiveSteps(seed: 9);
        var second = TrainFiveSteps(seed: 9);

        Assert.That(first[0], Is.Not.EqualTo(initial[0]), "training must move the weights for the comparison to mean anything");
        for (int i = 0; i < first.Length; i++)
            Assert.That(second[i], Is.EqualTo(first[i]), $"variable {i}");
    }

    [Test]
    public void Gradient_OfLossWithRespectToEveryVariable_MatchesFiniteDifferences()
    {
        var model = TwoLayerModel(seed: 5, dtype: DType.Float64);
        var inputs = Uniform(141, -1, 1, 6, 2);
        var labels = new ClassLabels([0, 2, 1, 1, 0, 2]);
        var loss = new SparseCategoricalCrossEntropy();

        GradientChecking.AssertMatchesFiniteDifferences(_ => loss.Call(labels, model.Call(inputs)), [.. model.TrainableVariables]);
    }

    [Test]
    public void Constructor_NoLayers_Throws()
    {
        Assert.That(() => new Sequential(2, []), Throws.ArgumentException.With.Message.StartsWith("sequential: a model needs at least one layer"));
    }

    [Test]
    public void Constructor_NonPositiveInputSize_ThrowsNamingTheValue()
    {
        Assert.That(() => new Sequential(0, [new Dense(1)]), Throws.TypeOf<ArgumentOutOfRangeException>()
            .With.Message.StartsWith("sequential: inputSize must be positive, got 0"));
    }

    private static float[][] TrainFiveSteps(int seed)
    {
        var model = TwoLayerModel(seed);
        var inputs = new Tensor([0.5f, -1f, 1.5f, 0.25f, -0.75f, 2f, 0f, 1f], 4, 2);
        var labels = new ClassLabels([0, 2, 1, 2]);
        var loss = new SparseCategoricalCrossEntropy();
        var optimizer = new Sgd(0.1, momentum: 0.9);
        for (int step = 0; step < 5; step++)
        {
            using var tape = new GradientTape();
            var value = loss.Call(labels, model.Call(inputs));
            optimizer.ApplyGradients(tape.Gradient(value, model.TrainableVariables).Zip(model.TrainableVariables));
        }
        return model.TrainableVariables.Select(v => v.ToArray<float>()).ToArray();
    }

    [Test]
    public void Constructor_NullLayer_ThrowsNamingItsPosition()
    {
        Assert.That(() => new Sequential(2, [new Dense(3), null!]),
            Throws.ArgumentException.With.Message.StartsWith("sequential: layer 1 is null").And.Property("ParamName").EqualTo("layers"));
    }
}
