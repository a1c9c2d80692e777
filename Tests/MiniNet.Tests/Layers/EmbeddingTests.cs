using MiniNet.Checkpoints;
using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Tests.Data;
using MiniNet.Training;

namespace MiniNet.Tests.Layers;

public class EmbeddingTests
{
    [Test]
    public void Build_CreatesATableOfVocabularyByWidth_AndOutputsTimeByWidth()
    {
        var model = new Sequential([3], [new Embedding(27, 10)], seed: 1);

        Assert.That(model.TrainableVariables.Single().Name, Is.EqualTo("embedding_0/embeddings"));
        Assert.That(model.TrainableVariables.Single().Shape, Is.EqualTo(new[] { 27, 10 }));
        Assert.That(model.OutputShape, Is.EqualTo(new[] { 3, 10 }));
        Assert.That(model.OutputSize, Is.EqualTo(30));
    }

    /// <summary>PyTorch's nn.Embedding starts N(0, 1): over 2,700 values the mean is within 4σ/√n of 0 and the spread near 1.</summary>
    [Test]
    public void Build_DrawsTheTableFromAStandardNormal()
    {
        var values = new Sequential([1], [new Embedding(27, 100)], seed: 2, dtype: DType.Float64).TrainableVariables[0].ToArray<double>();

        double mean = values.Average();
        double deviation = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        Assert.That(mean, Is.EqualTo(0).Within(4 / Math.Sqrt(values.Length)));
        Assert.That(deviation, Is.EqualTo(1).Within(0.05));
    }

    [TestCase(0, 4, "vocabularySize must be positive, got 0")]
    [TestCase(4, -1, "width must be positive, got -1")]
    public void Constructor_SizeNotPositive_ThrowsNamingIt(int vocabularySize, int width, string expected)
    {
        Assert.That(() => new Embedding(vocabularySize, width), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains(expected));
    }

    /// <summary>Token ids held as float features in a <see cref="Dataset"/> go through <c>Fit</c> as any features: a model
    /// learns which of two ids comes first in a pair, which no model could without telling the ids apart.</summary>
    [Test]
    public void Fit_TokenIdsInADataset_LearnsAMappingOfIdPairs()
    {
        var pairs = (from first in Enumerable.Range(0, 6) from second in Enumerable.Range(0, 6) select (first, second)).ToArray();
        var features = pairs.SelectMany(pair => new[] { (float)pair.first, pair.second }).ToArray();
        var labels = pairs.Select(pair => pair.first < pair.second ? 0 : pair.first == pair.second ? 1 : 2).ToArray();
        var data = new Dataset(features, labels, featureCount: 2);
        var model = new Sequential([2], [new Embedding(6, 4), new Flatten(), new Dense(16, Activation.Tanh), new Dense(3)], seed: 3);

        model.Fit(data, new SparseCategoricalCrossEntropy(), new Adam(0.05), epochs: 150, batchSize: 12, seed: 3, verbose: false);

        Assert.That(model.Evaluate(data, new SparseCategoricalCrossEntropy()).Accuracy, Is.EqualTo(1.0));
    }

    [Test]
    public void SaveModel_EmbeddingAndPositionEmbedding_LoadRebuildsThemWithTheirWeights()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "tokens.model");
        var saved = new Sequential([4], [new Embedding(7, 3), new PositionEmbedding(5), new Flatten(), new Dense(7)], seed: 4, dtype: DType.Float64);
        Checkpoint.SaveModel(path, saved);

        var loaded = Sequential.Load(path);

        Assert.That(((Embedding)loaded.Layers[0]).VocabularySize, Is.EqualTo(7));
        Assert.That(((Embedding)loaded.Layers[0]).Width, Is.EqualTo(3));
        Assert.That(((PositionEmbedding)loaded.Layers[1]).SequenceLength, Is.EqualTo(5));
        var ids = new Tensor([6.0, 0, 1, 2, 3, 3, 3, 5], 2, 4);
        Assert.That(loaded.Call(ids).ToArray<double>(), Is.EqualTo(saved.Call(ids).ToArray<double>()));
    }

    [Test]
    public void LoadModel_IntoAModelWithAnotherVocabulary_ThrowsNamingBothTableShapes()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "tokens.model");
        Checkpoint.SaveModel(path, new Sequential([2], [new Embedding(27, 3), new Flatten(), new Dense(27)], seed: 1));

        var other = new Sequential([2], [new Embedding(28, 3), new Flatten(), new Dense(27)], seed: 1);

        Assert.That(() => Checkpoint.LoadModel(path, other), 
            Throws.Exception.With.Message.Contains("tensor 'embedding_0/embeddings' is (27,3) float32 in the file but (28,3) float32 in the model"));
    }
}
