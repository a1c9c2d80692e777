using MiniNet.Checkpoints;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;
using MiniNet.Tests.Data;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Layers;

public class ResidualTests
{
    /// <summary>A pre-norm transformer block as two residual layers (GPT-2's), on (time 3, width 4) sequences.</summary>
    private static Sequential Block(int seed = 1, DType dtype = DType.Float64) => new([3, 4],
    [
        new Residual(new LayerNormalization(), new MultiHeadAttention(heads: 2, causal: true)),
        new Residual(new LayerNormalization(), new Dense(16, Activation.Gelu), new Dense(4)),
        new LayerNormalization(),
        new Dense(5),
    ], seed, dtype);

    [Test]
    public void Call_AddsTheLayersOutputToTheInputs()
    {
        var model = new Sequential([3, 4], [new Residual(new Dense(4, Activation.Tanh))], seed: 2, dtype: DType.Float64);
        var dense = (Dense)((Residual)model.Layers[0]).Layers[0];
        var x = Uniform(1, -1, 1, 2, 3, 4);

        var expected = (x + (x.MatMul(dense.Kernel) + dense.Bias!).Tanh()).ToArray<double>();

        Assert.That(model.Call(x).ToArray<double>(), Is.EqualTo(expected).Within(1e-15));
    }

    [Test]
    public void Variables_AreTheInnerLayersNamedUnderTheBlock()
    {
        var names = Block().TrainableVariables.Select(v => v.Name).ToArray();

        Assert.That(names.Take(6), Is.EqualTo(new[]
        {
            "residual_0/layernormalization_0/gamma", "residual_0/layernormalization_0/beta",
            "residual_0/multiheadattention_1/qkv_kernel", "residual_0/multiheadattention_1/qkv_bias",
            "residual_0/multiheadattention_1/output_kernel", "residual_0/multiheadattention_1/output_bias",
        }));
        Assert.That(names, Has.Length.EqualTo(6 + 6 + 2 + 2));
    }

    [Test]
    public void TransformerBlock_GradientOfEveryWeight_MatchesFiniteDifferences()
    {
        var model = Block();
        var x = Uniform(2, -1, 1, 2, 3, 4);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => model.Call(inputs[0]), [x, .. model.TrainableVariables]);
    }

    [Test]
    public void SaveModel_ThenSequentialLoad_RebuildsTheBlocksAndGivesTheSameOutputs()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "transformer.model");
        var model = Block(seed: 3, dtype: DType.Float32);
        Checkpoint.SaveModel(path, model);

        var loaded = Sequential.Load(path);

        var x = Uniform(3, -1, 1, 2, 3, 4).To(DType.Float32);
        Assert.That(loaded.Layers.Select(LayerConfig.Of), Is.EqualTo(model.Layers.Select(LayerConfig.Of)).Using<LayerConfig>((a, b) => a.Difference(b) == null));
        Assert.That(loaded.Call(x).ToArray<float>(), Is.EqualTo(model.Call(x).ToArray<float>()));
    }

    [Test]
    public void Build_LayersThatChangeTheShape_SaysTheyMustGiveItBack() =>
        Assert.That(() => new Sequential([3, 4], [new Residual(new Dense(5))]), Throws.ArgumentException.With.Message.EqualTo(
            "residual 'residual_0': its layers turn (3,4) into (3,5); they must give back the input's shape to be added to it"));
}
