using System.IO.Compression;
using System.Reflection;
using MiniNet.Tests.Data;

namespace MiniNet.Tests.Samples;

/// <summary>What the samples do around training (issue 22): every output path checked, and its folder created, before the
/// first step; every error one line, <c>error: ...</c>, with exit code 1 (2 for a usage error) and never a stack trace;
/// data errors found at load time; the shipped data found from any working directory. Ends with a fuzz of the options and
/// output paths. Runs are short: 1 epoch, MNIST-lite cut to its first 300 training and 100 test digits.</summary>
public class SampleOutputsAndErrorsTests
{
    private TempFolder _folder = null!;
    private string _train = null!, _test = null!, _aFile = null!;

    [SetUp]
    public void WriteFiles()
    {
        _folder = new TempFolder();
        _train = FirstDigits("train.csv.gz", 300, "train.csv");
        _test = FirstDigits("test.csv.gz", 100, "test.csv");
        _aFile = _folder.Write("a-file", "not a folder");
    }

    [TearDown]
    public void DeleteFiles() => _folder.Dispose();

    private string FirstDigits(string shipped, int count, string name, Func<string, string>? edit = null)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(RepositoryRoot.Path, "data", "mnist-lite", shipped)), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var lines = Enumerable.Range(0, count + 1).Select(_ => reader.ReadLine()!).Select(edit ?? (line => line));
        return _folder.Write(name, string.Join('\n', lines) + "\n");
    }

    private string InFolder(params string[] parts) => Path.Combine([_folder.Path, .. parts]);

    private string[] Mnist(params string[] more) => ["--train", _train, "--test", _test, "--hidden", "8", "--epochs", "1", "--plot", InFolder("curves.png"), .. more];

    // Runs a sample in this process; an exception escaping it (which a user would see as a stack trace) fails the test.
    private static (int ExitCode, string Output, string Error) Run(string sample, params string[] args)
    {
        try
        {
            var (exitCode, output, error) = SampleRunner.RunWithErrors(sample, args);
            // Fit's one warning per process about a Debug build lands in whichever run trains first.
            return (exitCode, output, string.Join('\n', error.Split('\n').Where(line => !line.StartsWith("warning: MiniNet is a Debug build"))));
        }
        catch (TargetInvocationException escaped)
        {
            Assert.Fail($"{sample} {string.Join(' ', args)} ended with an unhandled {escaped.InnerException}");
            throw;
        }
    }

    private static void AssertOneLineError(int exitCode, string output, string error, int expectedExitCode, string? contains = null)
    {
        Assert.That(exitCode, Is.EqualTo(expectedExitCode), output + error);
        Assert.That(error, Does.StartWith("error: "), error);
        Assert.That(error, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace, no exception type");
        if (contains != null) Assert.That(error, Does.Contain(contains));
    }

    [TestCase("MnistLite")]
    [TestCase("AutoMpg")]
    [TestCase("Penguins")]
    public void JsonIntoAFolderThatDoesNotExist_CreatesIt(string sample)
    {
        string json = InFolder("new", "deeper", "summary.json");
        string[] args = sample == "MnistLite" ? Mnist("--json", json) : ["--epochs", "1", "--json", json, .. sample == "AutoMpg" ? new[] { "--plot-dir", InFolder("plots") } : []];

        var (exitCode, output, error) = Run(sample, args);

        Assert.That(exitCode, Is.EqualTo(0), output + error);
        Assert.That(File.Exists(json), output);
    }

    [TestCase("MnistLite", "--plot")]
    [TestCase("MnistLite", "--json")]
    [TestCase("MnistLite", "--save")]
    [TestCase("MnistLite", "--export-onnx")]
    [TestCase("AutoMpg", "--plot-dir")]
    [TestCase("AutoMpg", "--json")]
    [TestCase("Penguins", "--json")]
    public void AnOutputWhoseParentIsAFile_FailsBeforeTheFirstStep(string sample, string option)
    {
        string path = Path.Combine(_aFile, "out.file");
        string[] args = sample == "MnistLite" ? Mnist(option, path) : ["--epochs", "1", option, path];

        var (exitCode, output, error) = Run(sample, args);

        AssertOneLineError(exitCode, output, error, 1, $"{option} {path}: cannot write there: '{_aFile}' is a file, not a folder");
        Assert.That(output, Does.Not.Contain("epoch 1").And.Not.Contain("test accuracy").And.Not.Contain("test mean absolute error"), "nothing was trained");
    }

    [Test]
    public void MnistLite_AWriteThatFailsAfterTraining_KeepsTheModelWhereTheErrorSays()
    {
        string json = InFolder(new string('j', 300) + ".json"); // its folder is fine; the name is too long to create

        var (exitCode, output, error) = Run("MnistLite", Mnist("--json", json));

        AssertOneLineError(exitCode, output, error, 1, "the trained model is saved in ");
        Assert.That(output, Does.Contain("test accuracy"), "it failed after training");
        string kept = System.Text.RegularExpressions.Regex.Match(error, @"saved in (\S+\.model)").Groups[1].Value;
        try
        {
            var model = MiniNet.Models.Sequential.Load(kept);
            Assert.That(model.Layers.Select(layer => layer.OutputSize), Is.EqualTo(new[] { 8, 10 }), "the --hidden 8 model, rebuilt from the file");
        }
        finally
        {
            File.Delete(kept);
        }
    }

    [Test]
    public void MnistLite_TestFileOfAnotherWidth_FailsBeforeTraining()
    {
        string narrow = FirstDigits("test.csv.gz", 100, "narrow.csv", line => string.Join(',', line.Split(',')[..^4]));

        var (exitCode, output, error) = Run("MnistLite", ["--train", _train, "--test", narrow, "--hidden", "8", "--epochs", "1"]);

        AssertOneLineError(exitCode, output, error, 1, "the test file has 780 features per example, the training file 784");
        Assert.That(output, Does.Not.Contain("epoch 1"));
    }

    [Test]
    public void MnistLite_AValidationSplitLeavingLessThanABatch_IsAUsageError()
    {
        var (exitCode, output, error) = Run("MnistLite", Mnist("--validation-split", "0.999"));

        Assert.That(exitCode, Is.EqualTo(2), output + error);
        Assert.That(error, Does.StartWith("error: --validation-split 0.999 leaves 1 of 300 examples to train on, fewer than a batch of 64"));
    }

    [Test]
    public void AutoMpg_AnExtremeTarget_IsAnErrorAtLoadNamingTheLine_AndAcceptedItIsNamedAsTheCauseOfTheDivergence()
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "data", "auto-mpg", "cars.csv"));
        lines[1] = lines[1].Replace(",18,", ",1e30,");
        string cars = _folder.Write("cars.csv", string.Join('\n', lines) + "\n");

        var (exitCode, output, error) = Run("AutoMpg", "--epochs", "1", "--data", cars, "--plot-dir", InFolder("plots"));
        AssertOneLineError(exitCode, output, error, 1, $"{cars}, line 2: column \"Miles_per_Gallon\": 1E+30 is far outside the rest of the column");
        Assert.That(error, Does.Contain("add --accept-extreme-values to keep it"));

        (exitCode, output, error) = Run("AutoMpg", "--epochs", "1", "--data", cars, "--plot-dir", InFolder("plots"), "--accept-extreme-values");
        AssertOneLineError(exitCode, output, error, 1, "training diverged at epoch 1");
        Assert.That(error, Does.Contain($"the cause is likely in the data, which holds 1 extreme value(s) accepted with --accept-extreme-values, the first: {cars}, line 2"));
    }

    [TestCase("AutoMpg")]
    [TestCase("Penguins")]
    [TestCase("MnistLite")]
    public void FromAnotherWorkingDirectory_FindsTheShippedData(string sample)
    {
        string[] args = sample == "MnistLite" ? ["--hidden", "8", "--epochs", "1", "--validation-split", "0"] : ["--epochs", "1"];

        var (exitCode, output, error) = SampleRunner.RunIn(_folder.Path, sample, args);
        Assert.That(error, Does.Not.Contain("error:"));

        Assert.That(exitCode, Is.EqualTo(0), output + error);
    }

    [Test]
    public void Penguins_BlankLinesInTheData_AreSkippedAndCounted()
    {
        string penguins = _folder.Write("penguins.csv", File.ReadAllText(Path.Combine(RepositoryRoot.Path, "data", "penguins", "penguins.csv")).Replace("\n", "\n\n", StringComparison.Ordinal) + "\n");

        var (exitCode, output, error) = Run("Penguins", "--epochs", "1", "--data", penguins);

        Assert.That(exitCode, Is.EqualTo(0), output + error);
        Assert.That(output, Does.Contain("; 346 blank lines skipped"), "one after each of the 344 rows and the header, and one more at the end");
        Assert.That(output, Does.Contain("333 penguins (11 rows with a missing value dropped)"));
        Assert.That(output, Does.Match(@"a raw row \(Torgersen, 39\.1, 18\.7, 181, 3750, MALE\): (Adelie|Chinstrap|Gentoo), Adelie \d+\.\d %, Chinstrap \d+\.\d %, Gentoo \d+\.\d %"),
            "PredictClasses and PredictProbabilities through the encoding");
    }

    // The fuzz: options drawn from pools of good and bad values and output paths (missing folders, a file as a folder, a
    // folder as a file, existing files), 25 runs per sample from a fixed seed. Whatever happens, no stack trace: exit 0, or 1
    // or 2 with one "error: " line.
    [TestCase("MnistLite")]
    [TestCase("AutoMpg")]
    [TestCase("Penguins")]
    public void Fuzz_OptionsAndOutputPaths_NeverEndInAStackTrace(string sample)
    {
        var random = new Random(22);
        string existing = _folder.Write("existing.json", "{}");
        string[] paths = [InFolder("missing", "a", "out.file"), Path.Combine(_aFile, "x", "out.file"), _folder.Path, existing, InFolder("plain.file"), "", " "];
        string[] numbers = ["1", "0", "-3", "abc", "1e400", "2147483648", "0.5"];
        var options = new List<(string Name, string[] Values)>
        {
            ("--epochs", ["1", "0", "x"]), ("--seed", numbers), ("--json", paths), ("--bogus", ["1"]), ("--data", [_aFile, InFolder("none.csv"), _folder.Path]),
        };
        if (sample == "AutoMpg") options.Add(("--plot-dir", paths));
        if (sample == "MnistLite")
            options = [("--epochs", ["1", "0"]), ("--batch", numbers), ("--lr", numbers), ("--momentum", numbers), ("--validation-split", ["0", "0.5", "0.999", "1", "x"]),
                ("--hidden", ["8", "8,0", ","]), ("--json", paths), ("--plot", paths), ("--save", paths), ("--export-onnx", paths), ("--checkpoint-every", ["1", "0"]),
                ("--resume", [existing, InFolder("none.ckpt")]), ("--model", ["mlp", "rnn"]), ("--train", [_aFile, _train]), ("--bogus", ["1"])];
        string[] rootBefore = Directory.GetFileSystemEntries(RepositoryRoot.Path);
        for (int run = 0; run < 25; run++)
        {
            List<string> args = sample == "MnistLite" ? [.. Mnist()] : ["--epochs", "1", .. sample == "AutoMpg" ? new[] { "--plot-dir", InFolder("plots") } : []];
            for (int pick = random.Next(1, 4); pick > 0; pick--)
            {
                var (name, values) = options[random.Next(options.Count)];
                args.Add(name);
                if (random.Next(10) > 0) args.Add(values[random.Next(values.Length)]); // sometimes the value is missing
            }
            var (exitCode, output, error) = Run(sample, [.. args]);
            string command = $"{sample} {string.Join(' ', args)}";
            Assert.That(exitCode, Is.AnyOf(0, 1, 2), command);
            Assert.That(error, Does.Not.Contain("   at ").And.Not.Contain("Exception"), command);
            if (exitCode != 0) Assert.That(error, Does.Contain("error: "), command);
            TestContext.Out.WriteLine($"{exitCode} {command}: {error.Split('\n')[0]}");
        }
        Assert.That(Directory.GetFileSystemEntries(RepositoryRoot.Path), Is.EquivalentTo(rootBefore), "an empty or blank path writes nothing into the repository");
    }
}
