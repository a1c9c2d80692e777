using MiniNet.Checkpoints;
using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tests.Data;
using MiniNet.Text;

namespace MiniNet.Tests.Text;

public class CharacterVocabularyTests
{
    private static readonly CharacterVocabulary Names = CharacterVocabulary.FromText("emma\nava", boundary: '.');

    [Test]
    public void FromText_SortsTheDistinctCharacters_AfterTheBoundary()
    {
        var vocabulary = CharacterVocabulary.FromText("hello world");

        Assert.That(vocabulary.Characters, Is.EqualTo(" dehlorw"));
        Assert.That(Names.Characters, Is.EqualTo(".\naemv"));
        Assert.That((Names.Size, Names.Boundary), Is.EqualTo((6, (char?)'.')));
    }

    [Test]
    public void EncodeThenDecode_GivesTheTextBack()
    {
        var ids = Names.Encode("emma");

        Assert.That(ids, Is.EqualTo(new[] { 3, 4, 4, 2 }));
        Assert.That(Names.Decode(ids), Is.EqualTo("emma"));
    }

    [Test]
    public void Encode_UnknownCharacter_ThrowsNamingItAndItsPosition()
    {
        Assert.That(() => Names.Encode("emZa", "prompt"), Throws.ArgumentException.With.Message.EqualTo(
            "prompt: 'Z' (U+005A) at position 2 is not in the vocabulary of 6 characters (.\\naemv)"));
    }

    [Test]
    public void Encode_TheBoundary_ThrowsSayingItIsNotACharacterOfAText()
    {
        Assert.That(() => Names.Encode("em.", "prompt"), Throws.ArgumentException.With.Message.Contains("'.' (U+002E) at position 2 is the vocabulary's boundary token"));
    }

    [Test]
    public void FromText_TextHoldingTheBoundary_Throws()
    {
        Assert.That(() => CharacterVocabulary.FromText("a.b", boundary: '.'), Throws.ArgumentException.With.Message.Contains("holds the boundary '.' (U+002E) at position 1"));
    }

    [Test]
    public void Constructor_RepeatedCharacter_ThrowsNamingBothIds()
    {
        Assert.That(() => new CharacterVocabulary("abca"), Throws.ArgumentException.With.Message.Contains("'a' (U+0061) appears twice, at ids 0 and 3"));
    }

    [Test]
    public void ToJsonThenFromJson_GivesTheSameVocabulary()
    {
        var copy = CharacterVocabulary.FromJson(Names.ToJson());

        Assert.That((copy.Characters, copy.Boundary), Is.EqualTo((Names.Characters, Names.Boundary)));
    }

    [Test]
    public void RequireFits_AVocabularyOfAnotherSize_ThrowsNamingBothSizes()
    {
        var model = new Sequential([3], [new Embedding(7, 2), new Flatten(), new Dense(7)]);

        Assert.That(() => Names.RequireFits(model), Throws.ArgumentException.With.Message.Contains(
            "vocabulary: 6 characters, but the model's embedding has 7 rows and its logits 7 classes; the vocabulary does not match the model"));
    }

    [Test]
    public void SaveModel_WithAVocabulary_LoadModelGivesItBack()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "names.model");
        Checkpoint.SaveModel(path, new Sequential([3], [new Embedding(6, 2), new Flatten(), new Dense(6)]), vocabulary: Names);

        var loaded = Checkpoint.LoadModel(path);

        Assert.That(loaded.Vocabulary!.Characters, Is.EqualTo(Names.Characters));
        Assert.That(loaded.Vocabulary.Boundary, Is.EqualTo('.'));
    }

    [Test]
    public void SaveModel_AVocabularyThatDoesNotMatchTheModel_Throws()
    {
        using var folder = new TempFolder();
        var model = new Sequential([3], [new Embedding(5, 2), new Flatten(), new Dense(5)]);

        Assert.That(() => Checkpoint.SaveModel(Path.Combine(folder.Path, "names.model"), model, vocabulary: Names),
            Throws.ArgumentException.With.Message.Contains("the vocabulary does not match the model"));
    }

    [Test]
    public void TextFileRead_EmptyFile_ThrowsNamingTheFile()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "empty.txt");
        File.WriteAllText(path, "");

        Assert.That(() => TextFile.Read(path), Throws.InstanceOf<DataFormatException>().With.Message.StartsWith($"{path}: the text file is empty"));
        Assert.That(() => TextFile.ReadLines(path), Throws.InstanceOf<DataFormatException>().With.Message.StartsWith($"{path}: the text file is empty"));
    }

    [Test]
    public void TextFileReadLines_TrimsAndSkipsEmptyLines()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "names.txt");
        File.WriteAllText(path, "emma\r\n\n ava \n");

        Assert.That(TextFile.ReadLines(path), Is.EqualTo(new[] { "emma", "ava" }));
    }
}
