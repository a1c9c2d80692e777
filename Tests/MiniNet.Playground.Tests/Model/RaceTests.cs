using Playground.Model;

namespace MiniNet.Playground.Tests.Model;

public class RaceTests
{
    [Test]
    public void BothRuns_StartFromTheSameWeightsAndPoints_AndPartWaysOnlyByTheOptimizer()
    {
        var race = new Race(new PlaygroundSettings { Shape = DataShape.Circles, Optimizer = OptimizerKind.Sgd }, new Racer(OptimizerKind.Adam, 0.03, 0.9));

        Assert.That(race.First.TrainPoints, Is.EqualTo(race.Second.TrainPoints));
        Assert.That(race.First.History[0], Is.EqualTo(race.Second.History[0]));
        race.TrainEpoch();
        Assert.That(race.First.Epoch, Is.EqualTo(1));
        Assert.That(race.Second.Epoch, Is.EqualTo(1));
        Assert.That(race.First.TrainLoss, Is.Not.EqualTo(race.Second.TrainLoss));
    }

    [Test]
    public void TheSameOptimizerTwice_RunsTheSameNumbers()
    {
        var race = new Race(new PlaygroundSettings { Optimizer = OptimizerKind.Nesterov }, new Racer(OptimizerKind.Nesterov, 0.03, 0.9));
        race.TrainEpoch();
        race.TrainEpoch();

        Assert.That(race.First.History, Is.EqualTo(race.Second.History));
    }

    [Test]
    public void EachRacer_UsesItsOwnLearningRateAndMomentum_AndTheRunsAreNamedByWhatDiffers()
    {
        var settings = new PlaygroundSettings { Momentum = 0.5 };
        var race = new Race(settings, new Racer(OptimizerKind.MomentumPyTorch, 0.1, 0.9));
        var alone = new PlaygroundRun(settings with { LearningRate = 0.1, Momentum = 0.9 });
        race.TrainEpoch();
        alone.TrainEpoch();

        Assert.That(race.Second.Settings.Momentum, Is.EqualTo(0.9));
        Assert.That(race.Second.History, Is.EqualTo(alone.History), "the second racer trains exactly as a run with its settings");
        Assert.That(race.FirstName, Is.EqualTo("momentum (PyTorch form), lr 0.03, m 0.5"));
        Assert.That(race.SecondName, Is.EqualTo("momentum (PyTorch form), lr 0.1, m 0.9"));
    }

    /// <summary>Races that cover what a race shares between its racers (the data, the layers, the batch size, the
    /// penalties) and what it does not (optimizer, learning rate, momentum).</summary>
    private static readonly TestCaseData[] Races =
    [
        new TestCaseData(new PlaygroundSettings(), new Racer(OptimizerKind.Adam, 0.03, 0.9)).SetArgDisplayNames("default against Adam"),
        new TestCaseData(new PlaygroundSettings
            {
                Shape = DataShape.Spiral, HiddenWidths = [8, 6, 3], Activation = HiddenActivation.Relu, BatchSize = 7, L1 = 0.003, L2 = 0.001,
                Features = [InputFeature.X, InputFeature.Y, InputFeature.XSquared, InputFeature.SinX], Optimizer = OptimizerKind.Nesterov,
            }, new Racer(OptimizerKind.MomentumKeras, 0.1, 0.5)).SetArgDisplayNames("spiral, 3 ReLU layers, 4 features, L1, L2, batch 7"),
        new TestCaseData(new PlaygroundSettings
            {
                Shape = DataShape.Plane, HiddenWidths = [1], Activation = HiddenActivation.Sigmoid, BatchSize = 1, PointCount = 40,
                Optimizer = OptimizerKind.Sgd, LearningRate = 0.01,
            }, new Racer(OptimizerKind.Adam, 0.003, 0)).SetArgDisplayNames("regression, one sigmoid unit, batch 1"),
        new TestCaseData(new PlaygroundSettings { Shape = DataShape.Circles, HiddenWidths = [], BatchSize = 3, PointCount = 50 },
            new Racer(OptimizerKind.Sgd, 0.3, 0.9)).SetArgDisplayNames("no hidden layer, batch 3 with a last batch of 1"),
    ];

    [TestCaseSource(nameof(Races))]
    public void EachRacer_TrainsBitForBitAsARunWithItsSettingsAlone(PlaygroundSettings settings, Racer second)
    {
        var racing = new Race(settings, second);
        PlaygroundRun[] alone = [new(settings), new(second.Apply(settings))];
        racing.First.Step();
        racing.Second.Step();
        foreach (var run in alone) run.Step();
        for (int epoch = 0; epoch < 3; epoch++)
        {
            racing.TrainEpoch();
            foreach (var run in alone) run.TrainEpoch();
        }

        PlaygroundRun[] racers = [racing.First, racing.Second];
        for (int racer = 0; racer < 2; racer++)
        {
            Assert.That(racers[racer].History, Is.EqualTo(alone[racer].History), $"racer {racer + 1}'s losses");
            Assert.That(racers[racer].StepCount, Is.EqualTo(alone[racer].StepCount));
            for (int variable = 0; variable < alone[racer].Model.TrainableVariables.Count; variable++)
                Assert.That(racers[racer].Model.TrainableVariables[variable].AsSpan<float>().ToArray(),
                    Is.EqualTo(alone[racer].Model.TrainableVariables[variable].AsSpan<float>().ToArray()), $"racer {racer + 1}'s variable {variable}");
        }
    }

    [TestCaseSource(nameof(Races))]
    public void BothPictures_FromOnePass_AreEachRunsOwn(PlaygroundSettings settings, Racer second)
    {
        var racing = new Race(settings, second);
        racing.TrainEpoch();
        var (first, secondBoundary) = racing.Pictures(resolution: 20, neuronStride: 5);

        var alone = racing.First.Picture(resolution: 20, neuronStride: 5);
        Assert.That(first.Output, Is.EqualTo(alone.Output), "the first racer's boundary");
        Assert.That(first.Neurons.Select(layer => layer.Count), Is.EqualTo(alone.Neurons.Select(layer => layer.Count)));
        for (int layer = 0; layer < alone.Neurons.Count; layer++)
        for (int unit = 0; unit < alone.Neurons[layer].Count; unit++)
            Assert.That(first.Neurons[layer][unit], Is.EqualTo(alone.Neurons[layer][unit]), $"the first racer's layer {layer} unit {unit}");
        Assert.That(secondBoundary, Is.EqualTo(racing.Second.Picture(resolution: 20, neuronStride: 5).Output), "the second racer's boundary");
        Assert.That(first.Output, Is.Not.EqualTo(secondBoundary), "the racers have parted");
    }

    [Test]
    public void AWeightEditedMidRace_IsTheOneTheFirstRacerTrainsFrom()
    {
        var racing = new Race(new PlaygroundSettings(), new Racer(OptimizerKind.Adam, 0.03, 0.9));
        var alone = new PlaygroundRun(new PlaygroundSettings());
        racing.TrainEpoch();
        alone.TrainEpoch();
        racing.First.SetWeight(1, 2, 3, 0.75);
        alone.SetWeight(1, 2, 3, 0.75);
        racing.TrainEpoch();
        alone.TrainEpoch();

        Assert.That(racing.First.History, Is.EqualTo(alone.History));
    }

    [Test]
    public void NesterovAtMomentumZero_IsAConflictTheSettingsExplain()
    {
        var settings = new PlaygroundSettings { Optimizer = OptimizerKind.Nesterov, Momentum = 0 };

        Assert.That(settings.Conflict, Does.Contain("Nesterov needs a momentum above 0"));
        Assert.That(new PlaygroundSettings().Conflict, Is.Null);
        Assert.Throws<ArgumentException>(() => new Race(new PlaygroundSettings(), new Racer(OptimizerKind.Nesterov, 0.03, 0)));
    }
}
