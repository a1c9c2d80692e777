using MiniNet.Text;

namespace MiniNet.Tests.Text;

public class NameSequencesTests
{
    /// <summary>makemore's CharDataset: "emma" in a block of 6 reads . e m m a . and predicts e m m a . then nothing.</summary>
    [Test]
    public void Batch_Emma_InputsStartWithTheBoundary_TargetsEndWithIt_ThenPadding()
    {
        var vocabulary = CharacterVocabulary.FromText("ema", boundary: '.');   // . a e m → 0 1 2 3

        var (inputs, targets) = NameSequences.Create(["emma"], vocabulary, blockSize: 6).Batch([0]);

        Assert.That(inputs.Shape, Is.EqualTo(new[] { 1, 6 }));
        Assert.That(inputs.ToArray<float>(), Is.EqualTo(new float[] { 0, 2, 3, 3, 1, 0 }));
        Assert.That(targets.Shape, Is.EqualTo(new[] { 1, 6 }));
        Assert.That(targets.Indices.ToArray(), Is.EqualTo(new[] { 2, 3, 3, 1, 0, -1 }));
        Assert.That(targets.IgnoreIndex, Is.EqualTo(NameSequences.Padding));
        Assert.That(targets.ClassCount, Is.EqualTo(4));
    }

    /// <summary>Each character of each name and each name's end is one target, as many as NameWindows' examples, so the
    /// transformer's loss is a mean over the same characters as the other rungs'.</summary>
    [Test]
    public void Batch_PredictsAsManyCharactersAsNameWindowsHasExamples_InTheRowsOrder()
    {
        string[] names = ["ab", "b", "abba"];
        var vocabulary = CharacterVocabulary.FromText("ab", boundary: '.');
        var sequences = NameSequences.Create(names, vocabulary, blockSize: 5);

        var (inputs, targets) = sequences.Batch([2, 0]);

        Assert.That(sequences.Count, Is.EqualTo(3));
        Assert.That(targets.Indices.ToArray().Count(id => id != NameSequences.Padding), Is.EqualTo(NameWindows.Create([names[2], names[0]], vocabulary, 1).Count));
        Assert.That(inputs.ToArray<float>(), Is.EqualTo(new float[] { 0, 1, 2, 2, 1, 0, 1, 2, 0, 0 }));
        Assert.That(targets.Indices.ToArray(), Is.EqualTo(new[] { 1, 2, 2, 1, 0, 1, 2, 0, -1, -1 }));
    }

    [Test]
    public void Create_NameThatDoesNotFitTheBlock_ThrowsNamingIt()
    {
        var vocabulary = CharacterVocabulary.FromText("ab", boundary: '.');

        Assert.That(() => NameSequences.Create(["a", "abab"], vocabulary, blockSize: 4),
            Throws.ArgumentException.With.Message.Contains("name 1 'abab' has 4 characters; a block of 4 holds at most 3"));
    }

    [Test]
    public void Create_VocabularyWithoutBoundary_Throws()
    {
        Assert.That(() => NameSequences.Create(["ab"], CharacterVocabulary.FromText("ab"), 3),
            Throws.ArgumentException.With.Message.Contains("name sequences: the vocabulary needs a boundary token"));
    }

    [Test]
    public void Batch_RowOutsideTheNames_Throws()
    {
        var sequences = NameSequences.Create(["ab"], CharacterVocabulary.FromText("ab", boundary: '.'), blockSize: 3);

        Assert.That(() => sequences.Batch([1]), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("row 1 is not in [0, 1)"));
    }
}
