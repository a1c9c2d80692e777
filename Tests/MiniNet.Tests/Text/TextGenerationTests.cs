using MathNet.Numerics.Random;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;
using MiniNet.Text;

namespace MiniNet.Tests.Text;

public class TextGenerationTests
{
    private static readonly CharacterVocabulary Letters = CharacterVocabulary.FromText("abcd", boundary: '.');   // . a b c d

    private static double[] Frequencies(double[] logits, double temperature, int? topK, int draws = 40_000)
    {
        var random = new Xoshiro256StarStar(5);
        var counts = new double[logits.Length];
        for (int i = 0; i < draws; i++) counts[TextGeneration.Sample(logits, temperature, topK, random)]++;
        return [.. counts.Select(count => count / draws)];
    }

    /// <summary>Probabilities 0.5, 0.3, 0.2; temperature 0.5 squares them (0.25, 0.09, 0.04 over 0.38); top-2 drops the
    /// last (0.5, 0.3 over 0.8). 40,000 draws: a standard error below 0.0025.</summary>
    [Test]
    public void Sample_DrawsFromTheTemperedTopKSoftmax()
    {
        double[] logits = [Math.Log(0.5), Math.Log(0.3), Math.Log(0.2)];

        Assert.That(Frequencies(logits, 1, null), Is.EqualTo(new[] { 0.5, 0.3, 0.2 }).Within(0.01));
        Assert.That(Frequencies(logits, 0.5, null), Is.EqualTo(new[] { 0.25 / 0.38, 0.09 / 0.38, 0.04 / 0.38 }).Within(0.01));
        Assert.That(Frequencies(logits, 1, topK: 2), Is.EqualTo(new[] { 0.625, 0.375, 0 }).Within(0.01));
        Assert.That(Frequencies(logits, 1, topK: 1), Is.EqualTo(new[] { 1.0, 0, 0 }));
    }

    [TestCase(0.0, null, "temperature must be positive and finite, got 0")]
    [TestCase(1.0, 4, "topK must be in [1, 3] (the vocabulary's size), got 4")]
    public void Sample_SettingOutOfRange_ThrowsNamingIt(double temperature, int? topK, string expected)
    {
        Assert.That(() => TextGeneration.Sample([0.0, 1, 2], temperature, topK, new Random(1)), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains(expected));
    }

    // A next-character model over a block of 3 whose logits are random but fixed by the seed.
    private static Sequential NextCharacterModel() => new([3], [new Embedding(5, 4), new Flatten(), new Dense(5)], seed: 9);

    [Test]
    public void Generate_SameSeed_SameText_AnotherSeed_AnotherText()
    {
        var model = NextCharacterModel();
        var texts = Enumerable.Range(0, 6).Select(seed => TextGeneration.Generate(model, Letters, "", 12, seed: seed)).ToArray();

        Assert.That(TextGeneration.Generate(model, Letters, "", 12, seed: 0), Is.EqualTo(texts[0]));
        Assert.That(texts.Distinct().Count(), Is.GreaterThan(1));
        Assert.That(texts, Has.All.Matches<string>(text => text.Length <= 12 && text.All(c => "abcd".Contains(c))));
    }

    /// <summary>nanoGPT's rule: only the last context characters are read. A model that copies the first of the three
    /// characters it reads repeats the last three of the prompt, "bcd", not its first three.</summary>
    [Test]
    public void Generate_PromptLongerThanTheContext_IsCroppedToItsLastCharacters()
    {
        var model = new Sequential([3], [new Embedding(5, 5), new Flatten(), new Dense(5, useBias: false)], dtype: DType.Float64);
        ((Embedding)model.Layers[0]).Embeddings.Assign(new Tensor([.. Enumerable.Range(0, 25).Select(i => i % 6 == 0 ? 1.0 : 0)], 5, 5));
        var kernel = new double[15 * 5];
        for (int id = 0; id < 5; id++) kernel[id * 5 + id] = 50;   // rows 0-4: the first character's one-hot
        ((Dense)model.Layers[2]).Kernel.Assign(new Tensor(kernel, 15, 5));

        Assert.That(TextGeneration.Generate(model, Letters, "abcd", 6, seed: 4), Is.EqualTo("bcdbcd"));
    }

    [Test]
    public void Generate_UnknownCharacterInThePrompt_ThrowsNamingItAndItsPosition()
    {
        Assert.That(() => TextGeneration.Generate(NextCharacterModel(), Letters, "abx", 5),
            Throws.ArgumentException.With.Message.Contains("prompt: 'x' (U+0078) at position 2 is not in the vocabulary of 5 characters"));
    }

    [Test]
    public void Generate_VocabularyOfAnotherModel_Throws()
    {
        Assert.That(() => TextGeneration.Generate(NextCharacterModel(), CharacterVocabulary.FromText("abcde", '.'), "", 5),
            Throws.ArgumentException.With.Message.Contains("the vocabulary does not match the model"));
    }

    /// <summary>An Embedding alone gives logits at every position (each from its own id, so it is causal): a table whose row
    /// for id i strongly favours id i+1 writes the alphabet on from the prompt's last character, then the boundary ends it.
    /// The prompt is shorter than the context, so this also checks that the logits are read at the prompt's last position.</summary>
    [Test]
    public void Generate_ModelOfEveryPosition_ContinuesFromThePromptsLastCharacter_AndStopsAtTheBoundary()
    {
        var model = new Sequential([6], [new Embedding(5, 5)], dtype: DType.Float64);
        var table = new double[25];
        for (int id = 0; id < 5; id++) table[id * 5 + (id + 1) % 5] = 50;
        ((Embedding)model.Layers[0]).Embeddings.Assign(new Tensor(table, 5, 5));

        Assert.That(TextGeneration.Generate(model, Letters, "a", 10, seed: 1), Is.EqualTo("bcd"));
        Assert.That(TextGeneration.Generate(model, Letters, "", 10, seed: 1), Is.EqualTo("abcd"));
    }

    [Test]
    public void Generate_EmptyPromptWithoutABoundary_Throws()
    {
        var model = new Sequential([2], [new Embedding(3, 3)]);

        Assert.That(() => TextGeneration.Generate(model, CharacterVocabulary.FromText("abc"), "", 5), Throws.ArgumentException.With.Message.Contains("prompt: empty"));
    }
}
