using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Layers;

public class PositionEmbeddingTests
{
    private static (Sequential Model, PositionEmbedding Layer) Model(int time, int width, int sequenceLength)
    {
        var model = new Sequential([time, width], [new PositionEmbedding(sequenceLength)], seed: 1, dtype: DType.Float64);
        return (model, (PositionEmbedding)model.Layers[0]);
    }

    [Test]
    public void Call_AddsRowTOfTheTableAtPositionT_InEveryExample()
    {
        var (model, layer) = Model(time: 2, width: 2, sequenceLength: 3);
        layer.Embeddings.Assign(new Tensor([1.0, 2, 30, 40, 500, 600], 3, 2));
        var x = new Tensor([0.0, 0, 0, 0, 1, 1, 1, 1], 2, 2, 2);

        var y = model.Call(x);

        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 1.0, 2, 30, 40, 2, 3, 31, 41 }));
    }

    [Test]
    public void Call_ShorterSequenceThanTheTable_UsesTheFirstRows()
    {
        var (_, layer) = Model(time: 3, width: 1, sequenceLength: 3);
        layer.Embeddings.Assign(new Tensor([1.0, 2, 3], 3, 1));

        var y = layer.Call(new Tensor([10.0, 20], 2, 1, 1));

        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 11.0, 21 }));
    }

    [Test]
    public void Call_Gradient_MatchesFiniteDifferences_ForTheInputsAndTheTable()
    {
        var (_, layer) = Model(time: 3, width: 2, sequenceLength: 4);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => layer.Call(inputs[0]) * layer.Call(inputs[0]),
            Uniform(2, -1, 1, 2, 3, 2), layer.Embeddings);
    }

    [Test]
    public void Call_LongerSequenceThanTheTable_ThrowsNamingTheShapeAndTheLimit()
    {
        var (_, layer) = Model(time: 2, width: 2, sequenceLength: 2);

        Assert.That(() => layer.Call(Tensor.Zeros([1, 3, 2], DType.Float64)),
            Throws.ArgumentException.With.Message.Contains("inputs (1,3,2) must be (batch, time, 2) with time at most 2"));
    }

    [Test]
    public void Build_FlatInputs_ThrowsSayingToPutItAfterAnEmbedding()
    {
        Assert.That(() => new Sequential([4], [new PositionEmbedding(4)]),
            Throws.ArgumentException.With.Message.Contains("must be (time, width) with time at most 4; put it after an Embedding"));
    }
}
