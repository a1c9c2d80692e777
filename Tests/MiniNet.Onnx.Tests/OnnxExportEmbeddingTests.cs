using MiniNet.Layers;
using MiniNet.Models;

namespace MiniNet.Onnx.Tests;

// Models of token ids: Embedding and PositionEmbedding against ONNX Runtime's Gather and Add.
public partial class OnnxExportTests
{
    // makemore's recurrent model on names: 3 characters of context, each a learned vector, a GRU, logits over 27 characters.
    [Test]
    public void EmbeddingGruDenseModel_OnnxRuntimeOutputs_MatchCall()
    {
        var model = new Sequential([3], [new Embedding(27, 10), new GRU(16), RandomBias(27)], seed: 17);

        AssertOnnxRuntimeMatchesCall(model, TokenIds(count: 6, time: 3, vocabularySize: 27));
    }

    [Test]
    public void PositionEmbedding_OnnxRuntimeOutputs_MatchCall()
    {
        var model = new Sequential([5], [new Embedding(11, 4), new PositionEmbedding(8), new Flatten(), RandomBias(3)], seed: 18);

        AssertOnnxRuntimeMatchesCall(model, TokenIds(count: 6, time: 5, vocabularySize: 11));
    }

    /// <summary>(count, time) token ids, whole numbers in [0, vocabularySize) held as floats, as a dataset holds them.</summary>
    private static Tensors.Tensor TokenIds(int count, int time, int vocabularySize)
    {
        var random = new Random(19);
        return new Tensors.Tensor([.. Enumerable.Range(0, count * time).Select(_ => (float)random.Next(vocabularySize))], count, time);
    }
}
