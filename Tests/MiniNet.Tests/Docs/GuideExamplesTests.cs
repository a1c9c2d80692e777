using MiniNet.Autodiff;
using MiniNet.Checkpoints;
using MiniNet.Data;
using MiniNet.Diagnostics;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Ops;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Training;

namespace MiniNet.Tests.Docs;

/// <summary>
/// Runs the C# blocks of docs/guide.md, copied here word for word (<see cref="EveryCodeBlockOfTheGuide_IsCopiedIntoThisFile"/>
/// checks the copies), and checks that they do what the guide says.
/// </summary>
public partial class GuideExamplesTests
{
    [Test]
    public void TrainingStep_LearnsXor()
    {
        var x = new Tensor([0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f], 4, 2);     // 4 examples × 2 features
        var y = new Tensor([0f, 1f, 1f, 0f], 4, 1);
        var model = new Sequential(2, [new Dense(8, Activation.Tanh), new Dense(1)], seed: 7);
        var lossFunction = new BinaryCrossEntropy(fromLogits: true);
        var optimizer = new Sgd(learningRate: 0.1, momentum: 0.9);
        for (int epoch = 0; epoch < 500; epoch++)
        {
            using var tape = new GradientTape();                            // records the ops below
            var loss = lossFunction.Call(y, model.Call(x));                 // a scalar tensor
            var gradients = tape.Gradient(loss, model.TrainableVariables);  // one per variable, same shapes
            optimizer.ApplyGradients(gradients.Zip(model.TrainableVariables));
        }

        Assert.That(lossFunction.Call(y, model.Call(x)).Item(), Is.LessThan(0.05));
    }

    [Test]
    public void Fit_OnMnistLite_ReachesOverNinetyFourPercent()
    {
        string previousDirectory = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(RepositoryRoot.Path);   // the guide's programs run from the repository's root
        try
        {
            var train = CsvLoader.Load("data/mnist-lite/train.csv.gz", "label", scale: 1f / 255, classCount: 10);
            var test = CsvLoader.Load("data/mnist-lite/test.csv.gz", "label", scale: 1f / 255, classCount: 10);
            var model = new Sequential(784, [new Dense(128, Activation.Relu), new Dense(10)], seed: 42);
            var history = model.Fit(train, new SparseCategoricalCrossEntropy(), new Sgd(learningRate: 0.1, momentum: 0.9),
                epochs: 5, batchSize: 64, seed: 42, validationSplit: 0.1);
            var evaluation = model.Evaluate(test, new SparseCategoricalCrossEntropy());
            Console.WriteLine($"val_accuracy {history["val_accuracy"][^1]:P1}, test accuracy {evaluation.Accuracy:P1}");

            Assert.That(history.Epochs, Has.Count.EqualTo(5));
            Assert.That(history["val_accuracy"][^1], Is.GreaterThan(0.9), "validated on the last tenth of the training file");
            Assert.That(evaluation.Accuracy, Is.GreaterThan(0.94));
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
        }
    }

    [Test]
    public void ScaleShift_InAModel_NamesItsVariablesAfterItsPosition()
    {
        var model = new Sequential(784, [new Dense(128, Activation.Relu), new ScaleShift(), new Dense(10)], seed: 42);
        // variables: dense_0/kernel, dense_0/bias, scaleshift_1/scale, scaleshift_1/shift, dense_2/kernel, dense_2/bias

        Assert.That(model.TrainableVariables.Select(variable => variable.Name), Is.EqualTo(new[]
            { "dense_0/kernel", "dense_0/bias", "scaleshift_1/scale", "scaleshift_1/shift", "dense_2/kernel", "dense_2/bias" }));
        Assert.That(model.Layers[1].TrainableVariables.Select(variable => variable.Shape), Is.EqualTo(new[] { new[] { 128 }, new[] { 128 } }));
    }

    [Test]
    public void ScaleShift_StartsAsTheIdentity()
    {
        var model = new Sequential(3, [new ScaleShift()]);
        var x = new Tensor([1f, -2f, 3.5f, 0f, 4f, -1f], 2, 3);

        Assert.That(model.Call(x).ToArray<float>(), Is.EqualTo(x.ToArray<float>()));
    }

    [Test]
    public void ScaleShift_TrainedWithSgd_LearnsTheLineItIsShown()
    {
        // y = 3x - 2 is exactly a scale of 3 and a shift of -2, which mean squared error reaches at its minimum, 0.
        float[] inputs = [.. Enumerable.Range(0, 16).Select(i => -1f + i / 7.5f)];
        var x = new Tensor(inputs, 16, 1);
        var y = new Tensor([.. inputs.Select(value => 3 * value - 2)], 16, 1);
        var layer = new ScaleShift();
        var model = new Sequential(1, [layer]);
        var lossFunction = new MeanSquaredError();
        var optimizer = new Sgd(learningRate: 0.1, momentum: 0.9);

        for (int step = 0; step < 300; step++)
        {
            using var tape = new GradientTape();
            var loss = lossFunction.Call(y, model.Call(x));
            optimizer.ApplyGradients(tape.Gradient(loss, model.TrainableVariables).Zip(model.TrainableVariables));
        }

        Assert.That(layer.Scale[0], Is.EqualTo(3).Within(1e-3));
        Assert.That(layer.Shift[0], Is.EqualTo(-2).Within(1e-3));
    }

    [Test]
    public void LoggingStep_GivenToFit_SeesEveryBatch_AndFitLogsTheirWeightedMean()
    {
        // XOR's 4 examples in batches of 3 are 3 + 1 per epoch: 2 epochs are 4 steps, and each epoch's loss is
        // (3 × first + 1 × second) / 4 of its two batch losses.
        var x = new[] { 0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f };
        var data = Dataset.FromValues(x, [2], [0f, 1f, 1f, 0f], [1]);
        var step = new LoggingStep();
        var model = new Sequential(2, [new Dense(8, Activation.Tanh), new Dense(1)], seed: 7);

        var history = model.Fit(data, new BinaryCrossEntropy(fromLogits: true), new Sgd(0.1), epochs: 2, batchSize: 3, verbose: false, step: step);

        Assert.That(step.BatchLosses, Has.Count.EqualTo(4));
        for (int epoch = 0; epoch < 2; epoch++)
            Assert.That(history["loss"][epoch], Is.EqualTo((3 * step.BatchLosses[2 * epoch] + step.BatchLosses[2 * epoch + 1]) / 4).Within(1e-12));
    }

    [Test]
    public void Signum_FirstStep_MovesEachWeightByTheLearningRateAgainstItsGradient()
    {
        // m = (1 - 0.9)·g = (0.05, -0.4), so each weight moves by lr = 0.1 against the sign, whatever the gradient's size.
        var w = new Variable(new Tensor([1f, 1f], 2), "w");
        var signum = new Signum(learningRate: 0.1, beta: 0.9);

        signum.ApplyGradients([(new Tensor([0.5f, -4f], 2), w)]);

        Assert.That(w.ToArray<float>(), Is.EqualTo(new[] { 0.9f, 1.1f }).Within(1e-6));
        Assert.That(signum.SlotsOf(w)["momentum"].ToArray<float>(), Is.EqualTo(new[] { 0.05f, -0.4f }).Within(1e-7));
    }

    [Test]
    public void Signum_SmallOppositeGradient_KeepsTheMomentumsDirection()
    {
        // g = 1 then -0.05: m = 0.1, then 0.09 - 0.005 = 0.085 > 0, so the second step still goes down: w = 1 - 0.1 - 0.1.
        var w = new Variable(new Tensor([1.0], 1), "w");
        var signum = new Signum(learningRate: 0.1, beta: 0.9);

        signum.ApplyGradients([(new Tensor([1.0], 1), w)]);
        signum.ApplyGradients([(new Tensor([-0.05], 1), w)]);

        Assert.That(w[0], Is.EqualTo(0.8).Within(1e-12));
        Assert.That(signum.SlotsOf(w)["momentum"][0], Is.EqualTo(0.085).Within(1e-12));
    }

    [Test]
    public void Signum_TrainsXor()
    {
        var x = new Tensor([0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f], 4, 2);
        var y = new Tensor([0f, 1f, 1f, 0f], 4, 1);
        var model = new Sequential(2, [new Dense(8, Activation.Tanh), new Dense(1)], seed: 7);
        var lossFunction = new BinaryCrossEntropy(fromLogits: true);
        var optimizer = new Signum(learningRate: 0.05);

        for (int epoch = 0; epoch < 500; epoch++)
        {
            using var tape = new GradientTape();
            var loss = lossFunction.Call(y, model.Call(x));
            optimizer.ApplyGradients(tape.Gradient(loss, model.TrainableVariables).Zip(model.TrainableVariables));
        }

        Assert.That(lossFunction.Call(y, model.Call(x)).Item(), Is.LessThan(0.05));
    }

    /// <summary>docs/guide.md, the paragraph after the Signum class: in README's MNIST-lite script (3 epochs, seed 42),
    /// <c>new Signum()</c> reaches 94.6% test accuracy and <c>new Signum(learningRate: 0.05)</c> 33.3%.</summary>
    [TestCase(0.001, "94.6 %")]
    [TestCase(0.05, "33.3 %")]
    public void Signum_InReadmesScript_ReachesTheGuidesAccuracy(double learningRate, string accuracy)
    {
        var train = CsvLoader.Load(Path.Combine(RepositoryRoot.Path, "data", "mnist-lite", "train.csv.gz"), "label", scale: 1f / 255, classCount: 10);
        var test = CsvLoader.Load(Path.Combine(RepositoryRoot.Path, "data", "mnist-lite", "test.csv.gz"), "label", scale: 1f / 255, classCount: 10);
        var model = new Sequential(784, [new Dense(128, Activation.Relu), new Dense(10)], seed: 42);
        var lossFn = new SparseCategoricalCrossEntropy();
        var optimizer = new Signum(learningRate);
        var trainDataset = train.Shuffle(seed: 42).Batch(64);
        for (int epoch = 0; epoch < 3; epoch++)
            foreach (var (x, y) in trainDataset)
            {
                using var tape = new GradientTape();
                var loss = lossFn.Call(y, model.Call(x));
                optimizer.ApplyGradients(tape.Gradient(loss, model.TrainableVariables).Zip(model.TrainableVariables));
            }

        Assert.That($"{model.Evaluate(test, lossFn).Accuracy:P1}", Is.EqualTo(accuracy));
    }

    [TestCase(1.0)]
    [TestCase(-0.1)]
    [TestCase(double.NaN)]
    public void Signum_BetaOutsideUnitInterval_IsRejectedNamingTheValue(double beta)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Signum(beta: beta));

        Assert.That(error!.ParamName, Is.EqualTo("beta"));
        Assert.That(error.Message, Does.Contain($"signum: beta must be in [0, 1), got {beta}"));
    }

    [Test]
    public void Softplus_ComputesLogOnePlusExp_AndItsGradientIsTheSigmoid()
    {
        var softplus = CustomOp.Create("softplus",
            forward: x => (x.Exp() + 1.0).Log(),           // y = log(1 + eˣ)
            backward: (x, y, dy) => dy * x.Sigmoid());     // dx = dy · σ(x)
        double[] inputs = [-2, 0, 3];
        var input = new Tensor(inputs, 3);
        var tape = new GradientTape();
        Tensor output;
        using (tape)
        {
            tape.Watch(input);
            output = softplus(input);
        }

        var gradient = tape.Gradient(output, [input])[0]!;

        Assert.That(output.ToArray<double>(), Is.EqualTo(inputs.Select(v => Math.Log(1 + Math.Exp(v)))).Within(1e-12));
        Assert.That(gradient.ToArray<double>(), Is.EqualTo(inputs.Select(v => 1 / (1 + Math.Exp(-v)))).Within(1e-12));
    }

    /// <summary>
    /// Every ```csharp block of docs/guide.md must appear in this file, line for line (indentation, blank lines and `using`
    /// directives aside: this file has its own at the top, and DocsCompileTests checks the blocks' own), so the tests above
    /// run what the guide shows.
    /// </summary>
    [Test]
    public void TabularRegression_TrainsSavesAndPredictsARawRowInAFreshModel()
    {
        string previousDirectory = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(RepositoryRoot.Path);   // the guide's programs run from the repository's root
        try
        {
            var schema = new TabularSchema(target: ["Miles_per_Gallon"], categorical: ["Origin"], missing: MissingValues.DropRow,
                numeric: ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Year"]);
            var loaded = TabularCsv.Load("data/auto-mpg/cars.csv", schema);
            Console.WriteLine($"{loaded.Dataset.Count} cars, {loaded.RowsDropped} dropped for missing values; features: {string.Join(", ", loaded.Encoding.FeatureNames)}");
            var (train, test) = loaded.Dataset.Split(0.2, seed: 1);
            var normalization = new Normalization();
            normalization.Adapt(train);
            var model = new Sequential(train.FeatureCount,
                [normalization, new Dense(64, Activation.Relu), new Dense(64, Activation.Relu), new Dense(1)], seed: 1);
            var history = model.Fit(train, new MeanSquaredError(), new Adam(0.001), epochs: 100, batchSize: 32,
                validationSplit: 0.2, metrics: ["mae", "rmse"], verbose: false);
            Console.WriteLine($"val_mae {history["val_mae"][^1]:F2}, test mae {model.Evaluate(test, new MeanSquaredError())["mae"]:F2} MPG");

            Checkpoint.SaveModel("auto-mpg.model", model, loaded.Encoding);   // architecture, weights, normalization statistics, encoding
            var (restored, encoding) = Checkpoint.LoadModel("auto-mpg.model");   // rebuilt from the file: no model code, no optimizer
            var car = new Dictionary<string, string> { ["Cylinders"] = "4", ["Displacement"] = "120", ["Horsepower"] = "90",
                ["Weight_in_lbs"] = "2400", ["Acceleration"] = "16", ["Year"] = "1980", ["Origin"] = "Japan" };
            Console.WriteLine($"{restored.Predict(encoding!, [car])[0, 0]:F1} MPG predicted for a raw row");

            Assert.That(loaded.Dataset.Count + loaded.RowsDropped, Is.EqualTo(406), "data/README.md: 406 cars");
            Assert.That(loaded.RowsDropped, Is.EqualTo(14), "8 without MPG and 6 without horsepower");
            Assert.That(history["val_mae"][^1], Is.LessThan(3.0), "TensorFlow's linear model gets about 2.5 MPG");
            Assert.That(restored.Predict(encoding!, [car])[0, 0], Is.EqualTo(model.Predict(loaded.Encoding, [car])[0, 0]), "the same numbers after a save and a load");
            Assert.That(encoding!.ToJson(), Is.EqualTo(loaded.Encoding.ToJson()));
        }
        finally
        {
            File.Delete(Path.Combine(RepositoryRoot.Path, "auto-mpg.model"));
            Directory.SetCurrentDirectory(previousDirectory);
        }
    }

    [Test]
    public void Profiler_NamesTheSlowestOpOfTheLastEpoch()
    {
        string previousDirectory = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(RepositoryRoot.Path);
        var output = Console.Out;
        var printed = new StringWriter();
        Console.SetOut(printed);
        try
        {
            var train = CsvLoader.Load("data/mnist-lite/train.csv.gz", "label", scale: 1f / 255, classCount: 10);
            var model = new Sequential(784, [new Dense(128, Activation.Relu), new Dense(10)], seed: 42);
            var profiler = new Profiler();
            model.Fit(train, new SparseCategoricalCrossEntropy(), new Sgd(0.1, 0.9), epochs: 2, batchSize: 64, callbacks: [profiler]);
            var slowest = profiler.Epochs[^1].Rows[0];
            Console.WriteLine($"slowest: {slowest.Name} {slowest.Pass}, {slowest.Share:P0} of the last epoch");

            Assert.That(profiler.Epochs, Has.Count.EqualTo(2));
            Assert.That(slowest.Share, Is.EqualTo(profiler.Epochs[^1].Rows.Where(row => row.Pass != ProfilePass.Outside).Max(row => row.Share)));
            Assert.That(printed.ToString(), Does.Contain("profile of epoch 2: ").And.Contain($"slowest: {slowest.Name} {slowest.Pass}"));
        }
        finally
        {
            Console.SetOut(output);
            Directory.SetCurrentDirectory(previousDirectory);
        }
    }

    [Test]
    public void CapturedStep_InAHandWrittenLoop_EndsWithTheEagerLoopsLossBitForBit()
    {
        string previousDirectory = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(RepositoryRoot.Path);   // the guide's programs run from the repository's root
        var output = Console.Out;
        var printed = new StringWriter();
        Console.SetOut(printed);
        try
        {
            var train = CsvLoader.Load("data/mnist-lite/train.csv.gz", "label", scale: 1f / 255, classCount: 10);
            var model = new Sequential(784, [new Dense(128, Activation.Relu), new Dense(10)], seed: 42);
            var loss = new SparseCategoricalCrossEntropy();
            var optimizer = new Sgd(learningRate: 0.1, momentum: 0.9);
            var x = Tensor.Zeros([64, 784]);                                      // the step's inputs, filled before each call
            var y = new ClassLabels(new int[64], classCount: 10);
            var step = new CapturedStep(() => loss.Call(y, model.Call(x)), model.TrainableVariables);
            foreach (var (batchX, batchY) in train.Shuffle(seed: 42).Batch(64, dropRemainder: true))
            {
                batchX.AsSpan<float>().CopyTo(x.AsSpan<float>());
                batchY.AsSpan<int>().CopyTo(y.AsSpan<int>());
                optimizer.ApplyGradients(step.Run(), model.TrainableVariables);   // the same list of gradients each call
            }
            Console.WriteLine($"last batch's loss {step.Loss!.Item():F4}");

            // The same epoch, every step built anew: the same weights, bit for bit.
            var eager = new Sequential(784, [new Dense(128, Activation.Relu), new Dense(10)], seed: 42);
            var eagerOptimizer = new Sgd(learningRate: 0.1, momentum: 0.9);
            double eagerLoss = 0;
            foreach (var (batchX, batchY) in train.Shuffle(seed: 42).Batch(64, dropRemainder: true))
            {
                using var tape = new GradientTape();
                var value = loss.Call(batchY, eager.Call(batchX));
                eagerOptimizer.ApplyGradients(tape.Gradient(value, eager.TrainableVariables).Zip(eager.TrainableVariables));
                eagerLoss = value.Item();
            }

            Assert.That(step.IsCaptured, Is.True, step.EagerBecause);
            Assert.That(printed.ToString().Trim(), Is.EqualTo($"last batch's loss {eagerLoss:F4}"));
            for (int i = 0; i < eager.TrainableVariables.Count; i++)
                Assert.That(model.TrainableVariables[i].AsSpan<float>().ToArray(), Is.EqualTo(eager.TrainableVariables[i].AsSpan<float>().ToArray()));
        }
        finally
        {
            Console.SetOut(output);
            Directory.SetCurrentDirectory(previousDirectory);
        }
    }

    [Test]
    public void EveryCodeBlockOfTheGuide_IsCopiedIntoThisFile()
    {
        string[] guide = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "guide.md"));
        var thisFile = Normalize(File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "Tests", "MiniNet.Tests", "Docs", "GuideExamplesTests.cs")));

        var blocks = CodeBlocks(guide);

        Assert.That(blocks, Has.Count.GreaterThanOrEqualTo(6));
        foreach (var block in blocks)
            Assert.That(ContainsRun(thisFile, Normalize(block)), Is.True,
                $"this block of docs/guide.md is not in GuideExamplesTests.cs:{Environment.NewLine}{string.Join(Environment.NewLine, block)}");
    }

    private static List<string[]> CodeBlocks(string[] markdown)
    {
        var blocks = new List<string[]>();
        List<string>? block = null;
        foreach (string line in markdown)
        {
            if (block is not null)
            {
                if (line.Trim() == "```")
                {
                    blocks.Add([.. block]);
                    block = null;
                }
                else block.Add(line);
            }
            else if (line.Trim() == "```csharp") block = [];
        }
        return blocks;
    }

    private static string[] Normalize(IEnumerable<string> lines) =>
        [.. lines.Select(line => line.Trim()).Where(line => line.Length > 0 && !UsingDirective().IsMatch(line))];

    [System.Text.RegularExpressions.GeneratedRegex(@"^using [\w.]+;$")]
    private static partial System.Text.RegularExpressions.Regex UsingDirective();

    private static bool ContainsRun(string[] lines, string[] run) =>
        Enumerable.Range(0, Math.Max(0, lines.Length - run.Length + 1)).Any(start => lines.AsSpan(start, run.Length).SequenceEqual(run));
}

/// <summary>y = x · scale + shift, with a learned scale and shift per feature (both of shape (features)), starting at 1
/// and 0, so the layer starts as the identity.</summary>
public sealed class ScaleShift : Layer
{
    /// <summary>The per-feature factor, (InputSize).</summary>
    public Variable Scale { get; private set; } = null!;

    /// <summary>The per-feature offset, (InputSize).</summary>
    public Variable Shift { get; private set; } = null!;

    /// <inheritdoc />
    public override int OutputSize => InputSize;

    /// <inheritdoc />
    public override Tensor Call(Tensor inputs) => inputs * Scale + Shift;

    /// <inheritdoc />
    protected override void CreateVariables(int inputSize, Random random, DType dtype)
    {
        Scale = AddVariable("scale", Tensor.Ones([inputSize], dtype));
        Shift = AddVariable("shift", Tensor.Zeros([inputSize], dtype));
    }
}

/// <summary>
/// Signum (Bernstein et al., 2018): momentum SGD that steps by the sign of the momentum, so every weight moves by exactly lr.
/// m ← β·m + (1 − β)·g;  w ← w − lr · sign(m).
/// </summary>
public sealed class Signum : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Step size lr, finite and ≥ 0.</param>
    /// <param name="beta">Momentum β in [0, 1).</param>
    public Signum(double learningRate = 0.001, double beta = 0.9) : base(learningRate) => Beta = InUnitInterval(beta);

    /// <summary>The momentum coefficient β.</summary>
    public double Beta { get; }

    /// <inheritdoc />
    protected override void UpdateStep<T>(Variable variable, ReadOnlySpan<T> gradient, T learningRate)
    {
        var momentum = Slot<T>(variable, "momentum");
        var weights = variable.AsSpan<T>();
        T beta = T.CreateChecked(Beta);
        for (int i = 0; i < weights.Length; i++)
        {
            momentum[i] = beta * momentum[i] + (T.One - beta) * gradient[i];
            T sign = momentum[i] > T.Zero ? T.One : momentum[i] < T.Zero ? -T.One : T.Zero;
            weights[i] -= learningRate * sign;
        }
    }
}

/// <summary>The plain step, keeping every batch's mean loss.</summary>
public sealed class LoggingStep : TrainStep
{
    /// <summary>Each step's batch loss, in order.</summary>
    public List<double> BatchLosses { get; } = [];

    /// <inheritdoc />
    public override double Run(FitState state, Tensor x, Tensor y)
    {
        double loss = base.Run(state, x, y);
        BatchLosses.Add(loss);
        return loss;
    }
}
