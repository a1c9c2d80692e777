using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;
using MiniNet.Tests;

namespace MiniNet.Onnx.Tests;

// A character-level GPT against ONNX Runtime: LayerNormalization, multi-head attention, GELU and residual blocks.
public partial class OnnxExportTests
{
    [TestCase("gelu", true)]
    [TestCase("gelu_tanh", true)]
    [TestCase("gelu", false)]
    public void Gpt_OnnxRuntimeOutputs_MatchCall(string activation, bool causal)
    {
        var model = new Sequential([8], GptLayers(vocabularySize: 13, width: 16, heads: 4, blocks: 2, Activation.FromName(activation), causal), seed: 20);
        RandomizeEveryVariable(model);

        AssertOnnxRuntimeMatchesCall(model, TokenIds(count: 5, time: 8, vocabularySize: 13));
    }

    // nanoGPT's CPU recipe as Samples/CharGpt builds it: 4 blocks of 4 heads, width 128, context 64, 65 characters.
    [Test]
    public void NanoGptCpuRecipe_OnnxRuntimeOutputs_MatchCall()
    {
        var model = Gpt.Create(vocabularySize: 65, context: 64, layers: 4, heads: 4, width: 128, seed: 24);

        AssertOnnxRuntimeMatchesCall(model, TokenIds(count: 2, time: 64, vocabularySize: 65));
    }

    [Test]
    public void AttentionAlone_OnnxRuntimeOutputs_MatchCall()
    {
        var model = new Sequential([6, 8], [new MultiHeadAttention(2, causal: true)], seed: 21);
        RandomizeEveryVariable(model);

        AssertOnnxRuntimeMatchesCall(model, TestTensors.Uniform(22, -2, 2, 3, 6, 8).To(DType.Float32));
    }

    /// <summary>nanoGPT's architecture: token and position embeddings, pre-norm blocks x + attention(norm(x)) and
    /// x + mlp(norm(x)) with a 4× wide hidden layer, a final norm and the logits.</summary>
    private static Layer[] GptLayers(int vocabularySize, int width, int heads, int blocks, Activation activation, bool causal) =>
    [
        new Embedding(vocabularySize, width), new PositionEmbedding(8),
        .. Enumerable.Range(0, blocks).SelectMany(_ => new Layer[]
        {
            new Residual(new LayerNormalization(), new MultiHeadAttention(heads, causal)),
            new Residual(new LayerNormalization(), new Dense(4 * width, activation), new Dense(width)),
        }),
        new LayerNormalization(), new Dense(vocabularySize),
    ];

    /// <summary>Draws every variable from U(-0.5, 0.5), so an export that dropped a zero bias or a unit gain would show.</summary>
    private static void RandomizeEveryVariable(Sequential model)
    {
        var random = new Random(23);
        foreach (var variable in model.Variables)
        {
            var values = variable.AsSpan<float>();
            for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() - 0.5);
        }
    }
}
