using System.Reflection;
using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Training;
using MnistLite;

namespace MiniNet.Tests.Samples;

public class MnistLiteTests
{
    /// <summary>README.md, "Two commands" and the first row of "Results": the default run (`dotnet run -c Release --project
    /// Samples/MnistLite`, no options) classifies 1,916 of the 2,000 test digits right, 95.80%. Change the sample's recipe or
    /// data and this figure changes: update it here and in those two README lines.</summary>
    private const int DefaultRunCorrectTestDigits = 1916;

    /// <summary>README.md, first row of "Results": the default run's test loss, to the three decimals the README gives.</summary>
    private const double DefaultRunTestLoss = 0.198;

    // The README's headline result, held exactly: determinism does not depend on the build (Debug here under `dotnet test`,
    // Release in the README's command) nor on the thread count.
    [Test]
    public void DefaultRun_ClassifiesTheReadmesCountOfTestDigitsRight()
    {
        using var folder = new MiniNet.Tests.Data.TempFolder();

        var (exitCode, output) = SampleRunner.Run("MnistLite", "--plot", Path.Combine(folder.Path, "curves.png"));

        Assert.That(exitCode, Is.EqualTo(0), output);
        var result = System.Text.RegularExpressions.Regex.Match(output, @"test accuracy: ([\d.]+) % \((\d+)/2000\), test loss ([\d.]+)");
        Assert.That(result.Success, output);
        Assert.That(int.Parse(result.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(DefaultRunCorrectTestDigits), output);
        Assert.That(result.Groups[1].Value, Is.EqualTo((100.0 * DefaultRunCorrectTestDigits / 2000).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(double.Parse(result.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(DefaultRunTestLoss).Within(0.0005));
    }

    // 7,200 training digits in batches of 64 are 113 steps; each runs the two dense layers' products once forward and once backward.
    [Test]
    public void Profile_PrintsEachEpochsOpsWithTheirCallCounts()
    {
        using var folder = new MiniNet.Tests.Data.TempFolder();

        var (exitCode, output) = SampleRunner.Run("MnistLite", "--epochs", "1", "--profile", "--plot", Path.Combine(folder.Path, "curves.png"));

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("profile of epoch 1: ").And.Contain(" in 113 steps"));
        Assert.That(output, Does.Match(@"\nmatmul +forward +226 ").And.Match(@"\nmatmul +backward +226 ").And.Match(@"\nbias_add_relu +backward +113 "));
    }

    // Grouped by shape, the first layer's product is two rows: 112 full batches of 64 and the last, of 7,200 - 112·64 = 32.
    [Test]
    public void ProfileShapes_TellsTheLastPartialBatchApart()
    {
        using var folder = new MiniNet.Tests.Data.TempFolder();

        var (exitCode, output) = SampleRunner.Run("MnistLite", "--epochs", "1", "--profile-shapes", "--plot", Path.Combine(folder.Path, "curves.png"));

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Match(@"\nmatmul \(64,784\) x \(784,128\) -> \(64,128\) +forward +112 ")
            .And.Match(@"\nmatmul \(32,784\) x \(784,128\) -> \(32,128\) +forward +1 "));
    }

    private static Dataset Load(string file) =>
        CsvLoader.Load(Path.Combine(RepositoryRoot.Path, "data", "mnist-lite", file), "label", scale: 1f / 255, classCount: 10);

    // A short run of the sample's recipe on half of the training digits: 2 epochs, fixed seed; it reaches 89.35% on the test digits and must pass 88%.
    [Test]
    public void ShortRun_OnFourThousandDigits_BeatsEightyEightPercent()
    {
        var train = Load("train.csv.gz").Take(4000);
        var test = Load("test.csv.gz");
        var model = new Sequential(784, [new Dense(128, Activation.Relu), new Dense(10)], seed: 42);
        var loss = new SparseCategoricalCrossEntropy();

        model.Fit(train, loss, new Sgd(0.1, 0.9), epochs: 2, batchSize: 64, seed: 42);
        double accuracy = model.Evaluate(test, loss).Accuracy;

        TestContext.Out.WriteLine($"test accuracy {accuracy:P2}");
        Assert.That(accuracy, Is.GreaterThan(0.88));
    }

    [Test]
    public void Options_Defaults_AreTheIssuesRecipe()
    {
        var options = MnistOptions.Parse([]);

        Assert.That((options.Batch, options.LearningRate, options.Momentum, options.Hidden), Is.EqualTo((64, 0.1, 0.9, new[] { 128 })));
    }

    [Test]
    public void Options_Convnet_TakesTheIssuesLearningRateAndEpochs_UnlessGiven()
    {
        var convnet = MnistOptions.Parse(["--model", "cnn"]);
        var given = MnistOptions.Parse(["--model", "cnn", "--lr", "0.01", "--epochs", "3"]);
        var adam = MnistOptions.Parse(["--model", "cnn", "--optimizer", "adam"]);

        Assert.That((convnet.LearningRate, convnet.Epochs, MnistOptions.Parse([]).Epochs), Is.EqualTo((0.05, 15, 10)));
        Assert.That((given.LearningRate, given.Epochs), Is.EqualTo((0.01, 3)));
        Assert.That((adam.Optimizer, adam.LearningRate), Is.EqualTo(("adam", 0.001)));
    }

    [Test]
    public void Options_HiddenList_IsParsed()
    {
        Assert.That(MnistOptions.Parse(["--hidden", "256,64", "--nesterov"]).Hidden, Is.EqualTo(new[] { 256, 64 }));
    }

    [TestCase(new[] { "--epochs", "0" }, "option --epochs: 0 must be positive")]
    [TestCase(new[] { "--lr", "fast" }, "option --lr: 'fast' is not a number")]
    [TestCase(new[] { "--momentum", "1" }, "option --momentum: 1 is outside [0, 1)")]
    [TestCase(new[] { "--batch" }, "option --batch needs a value")]
    [TestCase(new[] { "--colour", "red" }, "unknown option '--colour'")]
    [TestCase(new[] { "--nesterov", "--momentum", "0" }, "--nesterov needs --momentum > 0")]
    [TestCase(new[] { "--model", "rnn" }, "option --model: 'rnn' is not mlp or cnn")]
    [TestCase(new[] { "--optimizer", "lbfgs" }, "option --optimizer: 'lbfgs' is not sgd or adam")]
    public void Options_BadValue_ThrowsOneLineNamingIt(string[] args, string message)
    {
        Assert.That(() => MnistOptions.Parse(args), Throws.InstanceOf<FormatException>().With.Message.EqualTo(message));
    }

    [Test]
    public void Sample_BadOption_ExitsWithCode2AndPrintsUsage()
    {
        var error = new StringWriter();
        var previous = Console.Error;
        object? exitCode;
        try
        {
            Console.SetError(error);
            exitCode = Assembly.Load("MnistLite").EntryPoint!.Invoke(null, [new[] { "--epochs", "x" }]);
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error.ToString(), Does.StartWith("error: option --epochs: 'x' is not an integer").And.Contain("usage:"));
    }
}
