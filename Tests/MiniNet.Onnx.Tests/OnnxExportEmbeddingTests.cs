using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tests;
using MiniNet.Text;
using MiniNet.Training;

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

    // The Names sample's GRU rung (embedding 16, block 8, GRU 64), trained for one epoch on 2,000 names, on 2,000 others.
    [Test]
    public void TrainedNamesGru_OnnxRuntimeOutputs_MatchCall()
    {
        var names = TextFile.ReadLines(Path.Combine(RepositoryRoot.Path, "data", "names", "names.txt"));
        var vocabulary = CharacterVocabulary.FromText(string.Concat(names), boundary: '.');
        var train = NameWindows.Create(names[..2000], vocabulary, blockSize: 8);
        var model = new Sequential([8], [new Embedding(vocabulary.Size, 16), new GRU(64), new Dense(vocabulary.Size)], seed: 25);
        var loss = new SparseCategoricalCrossEntropy();
        model.Fit(train, loss, new Adam(0.01), epochs: 1, batchSize: 64, seed: 25, verbose: false);
        var others = NameWindows.Create(names[2000..4000], vocabulary, blockSize: 8);
        Assert.That(model.Evaluate(others, loss).Loss, Is.LessThan(2.6), "the model should be trained before it is exported");

        AssertOnnxRuntimeMatchesCall(model, new Tensors.Tensor(others.Features[..(500 * 8)].ToArray(), 500, 8));
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
