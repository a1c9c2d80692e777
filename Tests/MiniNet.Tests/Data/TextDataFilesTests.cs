using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MiniNet.Text;

namespace MiniNet.Tests.Data;

/// <summary>The shipped text files are what data/README.md says they are.</summary>
public class TextDataFilesTests
{
    private static string DataFile(string path) => Path.Combine(RepositoryRoot.Path, "data", path);

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Test]
    public void Names_Are29693DistinctNamesOfTwoToFifteenLetters_WithTheChecksumTheReadmeGives()
    {
        string path = DataFile("names/names.txt");
        var names = TextFile.ReadLines(path);

        Assert.That(names, Has.Length.EqualTo(29_693));
        Assert.That(names.Distinct().Count(), Is.EqualTo(names.Length));
        Assert.That(names, Has.All.Matches<string>(name => Regex.IsMatch(name, "^[a-z]{2,15}$")));
        Assert.That(names[..3], Is.EqualTo(new[] { "liam", "emma", "noah" }), "the most given first");
        Assert.That(File.ReadAllText(DataFile("README.md")), Does.Contain($"| names/names.txt (212,822 bytes) | `{Sha256(path)}` |"));
    }

    [Test]
    public void PrideAndPrejudice_Is684768CharactersOf75_WithTheChecksumTheReadmeGives()
    {
        string path = DataFile("pride-and-prejudice/pride-and-prejudice.txt");
        string text = TextFile.Read(path);

        Assert.That(text, Has.Length.EqualTo(684_768));
        Assert.That(text, Does.StartWith("PRIDE AND PREJUDICE\n\nBy Jane Austen\n"));
        Assert.That(CharacterVocabulary.FromText(text).Size, Is.EqualTo(75));
        Assert.That(File.ReadAllText(DataFile("README.md")), Does.Contain($"| pride-and-prejudice/pride-and-prejudice.txt (684,768 bytes) | `{Sha256(path)}` |"));
    }
}
