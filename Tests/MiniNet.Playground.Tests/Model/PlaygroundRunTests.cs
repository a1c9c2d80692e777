using MiniNet.Autodiff;
using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Training;
using Playground.Model;

namespace MiniNet.Playground.Tests.Model;

public class PlaygroundRunTests
{
    // A configuration away from every default: spiral with noise, three hidden layers, ReLU, batch 16, L2, Nesterov.
    private static readonly PlaygroundSettings Configuration = new()
    {
        Shape = DataShape.Spiral, Noise = 0.2, TrainFraction = 0.6, Seed = 11, HiddenWidths = [8, 6, 3],
        Activation = HiddenActivation.Relu, LearningRate = 0.01, BatchSize = 16, L2 = 0.001, Optimizer = OptimizerKind.Nesterov, Momentum = 0.8,
    };

    [Test]
    public void TrainEpoch_GivesTheSameLossesAsTheLibrarysHandWrittenLoop_BitForBit()
    {
        var run = new PlaygroundRun(Configuration);
        for (int epoch = 0; epoch < 4; epoch++) run.TrainEpoch();

        // The same configuration written directly against the library, as a user would: the training loop of the README.
        var (train, test) = Split(Configuration);
        var model = new Sequential(2, [new Dense(8, Activation.Relu), new Dense(6, Activation.Relu), new Dense(3, Activation.Relu), new Dense(1)], seed: 11);
        var lossFunction = new BinaryCrossEntropy(fromLogits: true);
        var optimizer = new Sgd(0.01, momentum: 0.8, nesterov: true, weightDecay: 0.001);
        var batches = train.Shuffle(11).Batch(16);
        for (int epoch = 0; epoch < 4; epoch++)
            foreach (var (x, y) in batches)
            {
                using var tape = new GradientTape();
                var loss = lossFunction.Call(y, model.Call(x, training: true));
                optimizer.ApplyGradients(tape.Gradient(loss, model.TrainableVariables).Zip(model.TrainableVariables));
            }

        Assert.That(run.StepCount, Is.EqualTo(4 * batches.Count));
        Assert.That(run.TrainLoss, Is.EqualTo(FullSetLoss(model, train)));
        Assert.That(run.TestLoss, Is.EqualTo(FullSetLoss(model, test)));
        Assert.That(run.TrainLoss, Is.LessThan(run.History[0].TrainLoss), "four epochs should have lowered the loss");
        for (int i = 0; i < model.TrainableVariables.Count; i++)
            Assert.That(run.Model.TrainableVariables[i].ToArray<float>(), Is.EqualTo(model.TrainableVariables[i].ToArray<float>()));
    }

    [Test]
    public void TrainEpoch_GivesTheSameLossesAsFit()
    {
        var settings = new PlaygroundSettings(); // the page's defaults: XOR, 4-4 tanh, momentum SGD, batch 10
        var run = new PlaygroundRun(settings);
        for (int epoch = 0; epoch < 3; epoch++) run.TrainEpoch();

        var (train, _) = Split(settings);
        var model = new Sequential(2, [new Dense(4, Activation.Tanh), new Dense(4, Activation.Tanh), new Dense(1)], seed: 1);
        model.Fit(train, new BinaryCrossEntropy(fromLogits: true), new Sgd(0.03, momentum: 0.9), epochs: 3, batchSize: 10, seed: 1, verbose: false);

        Assert.That(run.TrainLoss, Is.EqualTo(FullSetLoss(model, train)));
    }

    [Test]
    public void Step_TracedStepByStep_GivesTheSameNumbersAsTrainEpoch()
    {
        var stepped = new PlaygroundRun(Configuration);
        var whole = new PlaygroundRun(Configuration);
        int stepsPerEpoch = (int)Math.Ceiling(stepped.TrainPoints.Count / 16.0);
        for (int step = 0; step < stepsPerEpoch + 3; step++) stepped.Step();
        whole.TrainEpoch();
        whole.Step();
        whole.Step();
        whole.Step();

        Assert.That(stepped.Epoch, Is.EqualTo(1));
        Assert.That(stepped.TrainLoss, Is.EqualTo(whole.TrainLoss));
        Assert.That(stepped.History.Count, Is.EqualTo(stepsPerEpoch + 4));
    }

    [Test]
    public void SameSettings_GiveTheSameRun_AndAnotherSeedAnotherRun()
    {
        double LossAfterTwoEpochs(PlaygroundSettings settings)
        {
            var run = new PlaygroundRun(settings);
            run.TrainEpoch();
            run.TrainEpoch();
            return run.TestLoss;
        }

        Assert.That(LossAfterTwoEpochs(Configuration), Is.EqualTo(LossAfterTwoEpochs(Configuration)));
        Assert.That(LossAfterTwoEpochs(Configuration with { Seed = 12 }), Is.Not.EqualTo(LossAfterTwoEpochs(Configuration)));
    }

    [Test]
    public void Xor_WithTheDefaults_ReachesATestLossUnder005()
    {
        var run = new PlaygroundRun(new PlaygroundSettings());
        while (run.TestLoss >= 0.05 && run.Epoch < 300) run.TrainEpoch();

        Assert.That(run.TestLoss, Is.LessThan(0.05), $"after {run.Epoch} epochs");
        TestContext.Out.WriteLine($"XOR defaults: test loss {run.TestLoss:F4} after {run.Epoch} epochs");
    }

    [Test]
    public void DecisionGrid_IsTheModelsProbability_AtEachCellCentre_TopRowFirst()
    {
        var run = new PlaygroundRun(new PlaygroundSettings());
        run.TrainEpoch();
        var grid = run.DecisionGrid(4);

        // Cell (row 0, column 3) is the top-right cell: centre (4.5, 4.5) with cells 3 wide over [-6, 6].
        var logit = run.Model.Call(new Tensor([4.5f, 4.5f], 1, 2)).Item();
        Assert.That(grid, Has.Length.EqualTo(16));
        Assert.That(grid[3], Is.EqualTo(1 / (1 + Math.Exp(-logit))).Within(1e-6));
        var bottomLeft = run.Model.Call(new Tensor([-4.5f, -4.5f], 1, 2)).Item();
        Assert.That(grid[12], Is.EqualTo(1 / (1 + Math.Exp(-bottomLeft))).Within(1e-6));
    }

    [Test]
    public void Constructor_SplitsThePointsByTheTrainFraction()
    {
        var run = new PlaygroundRun(Configuration);

        Assert.That(run.TrainPoints.Count, Is.EqualTo(300));
        Assert.That(run.TestPoints.Count, Is.EqualTo(200));
        Assert.That(run.History, Has.Count.EqualTo(1));
        Assert.That(run.Epoch, Is.Zero);
    }

    [Test]
    public void Constructor_BadSetting_NamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new PlaygroundRun(new PlaygroundSettings { HiddenWidths = [4, 9] }));
        Assert.That(error!.Message, Does.Contain("HiddenWidths").And.Contain("9").And.Contain("hidden layer 2"));
        error = Assert.Throws<ArgumentException>(() => new PlaygroundRun(new PlaygroundSettings { Optimizer = OptimizerKind.Nesterov, Momentum = 0 }));
        Assert.That(error!.ParamName, Is.EqualTo("Momentum"));
    }

    // The run's split, rebuilt from the points: the first TrainFraction of the shuffled points train.
    private static (Dataset Train, Dataset Test) Split(PlaygroundSettings settings)
    {
        var points = PointSets.Generate(settings.Shape, settings.PointCount, settings.Noise, settings.Seed);
        int trainCount = (int)Math.Round(points.Length * settings.TrainFraction);
        return (ToDataset(points[..trainCount]), ToDataset(points[trainCount..]));
    }

    private static Dataset ToDataset(LabeledPoint[] points) => Dataset.FromValues(
        [.. points.SelectMany(p => new[] { (float)p.X, (float)p.Y })], [2], [.. points.Select(p => (float)p.Label)], [1]);

    private static double FullSetLoss(Sequential model, Dataset set)
    {
        var features = new Tensor(set.Features.ToArray(), set.Count, 2);
        var targets = new Tensor(set.TargetValues.ToArray(), set.Count, 1);
        return new BinaryCrossEntropy(fromLogits: true).Call(targets, model.Call(features)).Item();
    }
}

public class PlaygroundRunFeaturesTests
{
    [Test]
    public void Features_AreWhatTheFirstLayerReads_OneInputEach()
    {
        var run = new PlaygroundRun(new PlaygroundSettings { Features = [InputFeature.XSquared, InputFeature.XTimesY, InputFeature.SinY], HiddenWidths = [] });
        var point = run.TrainPoints[0];
        var kernel = ((Dense)run.Model.Layers[0]).Kernel.ToArray<float>();
        float bias = ((Dense)run.Model.Layers[0]).Bias!.ToArray<float>()[0];

        // The logit of one point, by hand, from the three features the settings name.
        double logit = kernel[0] * (point.X * point.X) + kernel[1] * (point.X * point.Y) + kernel[2] * Math.Sin(point.Y) + bias;
        using var scope = new TensorScope();
        var output = run.Model.Call(new Tensor([(float)(point.X * point.X), (float)(point.X * point.Y), (float)Math.Sin(point.Y)], 1, 3));

        Assert.That(kernel, Has.Length.EqualTo(3));
        Assert.That(output.Item(), Is.EqualTo(logit).Within(1e-4));
    }

    [Test]
    public void Regression_TrainsWithMeanSquaredError_OnTheTargets()
    {
        var run = new PlaygroundRun(new PlaygroundSettings { Shape = DataShape.Plane, HiddenWidths = [] });
        var kernel = ((Dense)run.Model.Layers[0]).Kernel.ToArray<float>();
        float bias = ((Dense)run.Model.Layers[0]).Bias!.ToArray<float>()[0];

        double expected = run.TrainPoints.Average(p => Math.Pow(kernel[0] * p.X + kernel[1] * p.Y + bias - p.Label, 2));

        Assert.That(run.TrainLoss, Is.EqualTo(expected).Within(1e-4 * expected));
        for (int epoch = 0; epoch < 20; epoch++) run.TrainEpoch();
        Assert.That(run.TestLoss, Is.LessThan(0.001), "a linear model fits a plane");
    }

    [Test]
    public void L1_AddsLambdaTimesTheSignOfEachKernelWeight_ToItsGradient_AndSparesTheBiases()
    {
        var plain = new PlaygroundSettings { Optimizer = OptimizerKind.Sgd, LearningRate = 0.1 };
        var withL1 = plain with { L1 = 0.3 };
        var first = new PlaygroundRun(plain);
        var second = new PlaygroundRun(withL1);
        var before = second.Model.TrainableVariables.Select(v => v.ToArray<float>()).ToArray();
        first.Step();
        second.Step();

        // Plain SGD: w − lr·(g + λ·sign w) differs from w − lr·g by exactly −lr·λ·sign w.
        for (int index = 0; index < before.Length; index++)
        {
            bool isKernel = second.Model.Layers.Cast<Dense>().Any(layer => ReferenceEquals(layer.Kernel, second.Model.TrainableVariables[index]));
            var difference = second.Model.TrainableVariables[index].ToArray<float>().Zip(first.Model.TrainableVariables[index].ToArray<float>(), (a, b) => (double)a - b);
            var expected = before[index].Select(w => isKernel ? -0.1 * 0.3 * Math.Sign(w) : 0);
            Assert.That(difference, Is.EqualTo(expected).Within(1e-6), isKernel ? "a kernel" : "a bias");
        }
    }

    [Test]
    public void L1_OnADivergedRun_KeepsTraining_WithoutThrowing()
    {
        var run = new PlaygroundRun(new PlaygroundSettings { LearningRate = 10, L1 = 10, L2 = 10 });

        Assert.DoesNotThrow(() =>
        {
            for (int epoch = 0; epoch < 20; epoch++) run.TrainEpoch();
        });
        Assert.That(run.Model.TrainableVariables.SelectMany(v => v.ToArray<float>()), Has.Some.NaN, "the run did diverge");
    }

    [Test]
    public void Picture_IsTheNetworkOverThePlane_LayerByLayer()
    {
        var run = new PlaygroundRun(new PlaygroundSettings { HiddenWidths = [3] });
        var picture = run.Picture(resolution: 10, neuronStride: 5);
        var hidden = (Dense)run.Model.Layers[0];
        var kernel = hidden.Kernel.ToArray<float>();
        var bias = hidden.Bias!.ToArray<float>();

        Assert.That(picture.Neurons.Select(layer => layer.Count), Is.EqualTo(new[] { 2, 3, 1 }), "the input features, the hidden layer, the output");
        Assert.That(picture.NeuronResolution, Is.EqualTo(2));
        // Neuron map cell (row 1, column 0) is grid cell (7, 2): centre x = −6 + 2.5·1.2 = −3, y = 6 − 7.5·1.2 = −3.
        for (int unit = 0; unit < 3; unit++)
        {
            double activation = Math.Tanh(kernel[unit] * -3 + kernel[3 + unit] * -3 + bias[unit]);
            Assert.That(picture.Neurons[1][unit][2], Is.EqualTo((activation + 1) / 2).Within(1e-5));
        }
        Assert.That(picture.Neurons[0][0][2], Is.EqualTo((-3 / 5.4 + 1) / 2).Within(1e-5), "x divided by its largest size on the grid, 5.4");
        using var scope = new TensorScope();
        double probability = 1 / (1 + Math.Exp(-run.Model.Call(new Tensor([-3f, -3f], 1, 2)).Item()));
        Assert.That(picture.Output[7 * 10 + 2], Is.EqualTo(probability).Within(1e-5));
        Assert.That(picture.Neurons[2][0][2], Is.EqualTo(picture.Output[7 * 10 + 2]));
        Assert.That(run.DecisionGrid(10), Is.EqualTo(picture.Output));
    }

    [Test]
    public void SetWeight_ChangesThatWeight_AndRecordsTheLossItGives()
    {
        var run = new PlaygroundRun(new PlaygroundSettings());
        var kernel = ((Dense)run.Model.Layers[1]).Kernel;

        run.SetWeight(1, 2, 3, 1.5);

        Assert.That(kernel.ToArray<float>()[2 * 4 + 3], Is.EqualTo(1.5f));
        Assert.That(run.History, Has.Count.EqualTo(2));
        Assert.That(run.TrainLoss, Is.Not.EqualTo(run.History[0].TrainLoss));
        Assert.Throws<ArgumentOutOfRangeException>(() => run.SetWeight(1, 4, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => run.SetWeight(0, 0, 0, double.NaN));
    }
}
