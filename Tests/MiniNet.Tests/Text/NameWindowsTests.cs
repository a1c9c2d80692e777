using MiniNet.Text;

namespace MiniNet.Tests.Text;

public class NameWindowsTests
{
    /// <summary>makemore's example: "emma" with block 3 gives ... → e, ..e → m, .em → m, emm → a, mma → '.'.</summary>
    [Test]
    public void Create_Emma_GivesMakemoresFiveExamples()
    {
        var vocabulary = CharacterVocabulary.FromText("ema", boundary: '.');   // . a e m → 0 1 2 3

        var data = NameWindows.Create(["emma"], vocabulary, blockSize: 3);

        Assert.That(data.Count, Is.EqualTo(5));
        Assert.That(data.Features.ToArray(), Is.EqualTo(new float[] { 0, 0, 0, 0, 0, 2, 0, 2, 3, 2, 3, 3, 3, 3, 1 }));
        Assert.That(data.Labels.ToArray(), Is.EqualTo(new[] { 2, 3, 3, 1, 0 }));
        Assert.That(data.ClassCount, Is.EqualTo(4));
    }

    [Test]
    public void Create_NameWithAnUnknownCharacter_ThrowsNamingTheName()
    {
        var vocabulary = CharacterVocabulary.FromText("ab", boundary: '.');

        Assert.That(() => NameWindows.Create(["ab", "abc"], vocabulary, 2),
            Throws.ArgumentException.With.Message.Contains("name 1 'abc': 'c' (U+0063) at position 2 is not in the vocabulary"));
    }

    [Test]
    public void Create_VocabularyWithoutBoundary_Throws()
    {
        Assert.That(() => NameWindows.Create(["ab"], CharacterVocabulary.FromText("ab"), 2), Throws.ArgumentException.With.Message.Contains("needs a boundary token"));
    }

    [Test]
    public void Split_GivesEightyTenTenOfTheNames_EachOnce_TheSameForTheSameSeed()
    {
        var names = Enumerable.Range(0, 1000).Select(i => $"n{i}").ToArray();

        var (train, validation, test) = NameWindows.Split(names, seed: 7);

        Assert.That((train.Length, validation.Length, test.Length), Is.EqualTo((800, 100, 100)));
        Assert.That(train.Concat(validation).Concat(test), Is.EquivalentTo(names));
        Assert.That(train.Take(20), Is.Not.EqualTo(names.Take(20)), "shuffled");
        Assert.That(NameWindows.Split(names, seed: 7).Test, Is.EqualTo(test));
        Assert.That(NameWindows.Split(names, seed: 8).Test, Is.Not.EqualTo(test));
    }
}
