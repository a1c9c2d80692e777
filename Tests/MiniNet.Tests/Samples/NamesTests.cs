using System.Text.Json;
using MathNet.Numerics.Random;
using MiniNet.Tests.Data;
using MiniNet.Text;
using Names;

namespace MiniNet.Tests.Samples;

public class NamesTests
{
    /// <summary>The bigram rung end to end on the shipped names: its test loss in the issue's goal for our split (makemore's
    /// counts give 2.4765 on all its names), twenty generated names of letters a-z.</summary>
    [Test]
    public void Bigram_DefaultRun_ReachesTheGoalTestLoss_AndWritesTwentyNames()
    {
        using var folder = new TempFolder();
        string json = Path.Combine(folder.Path, "summary.json");

        var (exitCode, output) = SampleRunner.Run("Names", "--model", "bigram", "--json", json);

        Assert.That(exitCode, Is.EqualTo(0), output);
        TestContext.Out.WriteLine(output);
        var summary = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.That(summary.GetProperty("test_loss").GetDouble(), Is.InRange(2.45, 2.50));
        var names = summary.GetProperty("names").EnumerateArray().Select(name => name.GetString()!).ToArray();
        Assert.That(names, Has.Length.EqualTo(20));
        Assert.That(names, Has.All.Matches<string>(name => name.All(char.IsAsciiLetterLower)));
        Assert.That(output, Does.Contain("29693 names, 27 tokens"));
    }

    /// <summary>One name "ab": each of the three pairs (., a), (a, b), (b, .) is counted once more than the other two of its row
    /// (counts 2, 1, 1 of 4), so every next character has probability 1/2 and the loss is ln 2.</summary>
    [Test]
    public void BigramCounts_OneName_LossIsLogTwo_AndItGeneratesOnlyItsLetters()
    {
        var vocabulary = CharacterVocabulary.FromText("ab", boundary: '.');
        var bigram = new BigramCounts(vocabulary, ["ab"]);

        Assert.That(bigram.Loss(["ab"]), Is.EqualTo(Math.Log(2)).Within(1e-12));
        Assert.That(bigram.Generate(new Xoshiro256StarStar(1)), Does.Match("^[ab]*$"));
    }

    /// <summary>The mlp, rnn, gru and transformer rungs end to end on the most given names, in seconds: their test loss is
    /// below ln 27 = 3.30, a uniform guess over the 27 tokens, and they write twenty names of letters a-z.</summary>
    [TestCase("mlp", "--epochs", 5, 1000)]
    [TestCase("rnn", "--epochs", 1, 400)]
    [TestCase("gru", "--epochs", 1, 400)]
    [TestCase("transformer", "--steps", 100, 400)]
    public void Rung_OnAFewNames_BeatsAUniformGuess_AndWritesTwentyNames(string model, string length, int value, int nameCount)
    {
        using var folder = new TempFolder();
        string data = Path.Combine(folder.Path, "names.txt"), json = Path.Combine(folder.Path, "summary.json");
        File.WriteAllLines(data, File.ReadLines(Path.Combine(RepositoryRoot.Path, "data", "names", "names.txt")).Take(nameCount));

        var (exitCode, output) = SampleRunner.Run("Names", "--model", model, length, value.ToString(), "--data", data, "--json", json);

        Assert.That(exitCode, Is.EqualTo(0), output);
        TestContext.Out.WriteLine(output);
        var summary = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.That(summary.GetProperty("test_loss").GetDouble(), Is.LessThan(Math.Log(27)));
        var names = summary.GetProperty("names").EnumerateArray().Select(name => name.GetString()!).ToArray();
        Assert.That(names, Has.Length.EqualTo(20));
        Assert.That(names, Has.All.Matches<string>(name => name.All(char.IsAsciiLetterLower)));
    }

    /// <summary>The transformer reports its training and validation losses as it trains (every 2,000 steps and at the last)
    /// and says which step's weights it kept, those of the lowest validation loss; the loss it then prints on the validation
    /// names is that one.</summary>
    [Test]
    public void Transformer_PrintsItsValidationLoss_AndKeepsTheBestStepsWeights()
    {
        using var folder = new TempFolder();
        string data = Path.Combine(folder.Path, "names.txt");
        File.WriteAllLines(data, File.ReadLines(Path.Combine(RepositoryRoot.Path, "data", "names", "names.txt")).Take(300));

        var (exitCode, output) = SampleRunner.Run("Names", "--model", "transformer", "--steps", "30", "--data", data);

        Assert.That(exitCode, Is.EqualTo(0), output);
        var kept = System.Text.RegularExpressions.Regex.Match(output, @"kept the weights of step 30 \(validation loss (\d\.\d{4})\)");
        Assert.That(output, Does.Contain("step 30: training loss ").And.Contain("(mean of the last 30 steps, dropout on), validation loss "));
        Assert.That(kept.Success, output);
        Assert.That(output, Does.Contain($"transformer: validation loss {kept.Groups[1].Value}, test loss "));
    }

    [Test]
    public void UnknownModel_ExitsWithCode2AndPrintsUsage()
    {
        var (exitCode, _, error) = SampleRunner.RunWithErrors("Names", "--model", "lstm");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("error: option --model: 'lstm' is not one of bigram, mlp").And.Contain("usage:"));
    }

    [TestCase("transformer", "--epochs", "error: option --epochs: the transformer trains for --steps")]
    [TestCase("mlp", "--steps", "error: option --steps: only the transformer trains by steps; mlp takes --epochs")]
    public void LengthOptionOfAnotherRung_ExitsWithCode2NamingIt(string model, string option, string message)
    {
        var (exitCode, _, error) = SampleRunner.RunWithErrors("Names", "--model", model, option, "3");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.StartWith(message).And.Contain("--steps N"));
    }

    [Test]
    public void EmptyNamesFile_PrintsAnErrorNamingItAndExitsWithCode1()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "names.txt");
        File.WriteAllText(path, "\n");

        var (exitCode, _, error) = SampleRunner.RunWithErrors("Names", "--data", path);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Is.EqualTo($"error: {path}: the text file is empty (no line holds a character); a model needs text to learn from{Environment.NewLine}"));
    }
}
