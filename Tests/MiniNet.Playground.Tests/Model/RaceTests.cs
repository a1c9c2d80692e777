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

    [Test]
    public void NesterovAtMomentumZero_IsAConflictTheSettingsExplain()
    {
        var settings = new PlaygroundSettings { Optimizer = OptimizerKind.Nesterov, Momentum = 0 };

        Assert.That(settings.Conflict, Does.Contain("Nesterov needs a momentum above 0"));
        Assert.That(new PlaygroundSettings().Conflict, Is.Null);
        Assert.Throws<ArgumentException>(() => new Race(new PlaygroundSettings(), new Racer(OptimizerKind.Nesterov, 0.03, 0)));
    }
}
