using Playground.Model;

namespace MiniNet.Playground.Tests.Model;

public class RaceTests
{
    [Test]
    public void BothRuns_StartFromTheSameWeightsAndPoints_AndPartWaysOnlyByTheOptimizer()
    {
        var race = new Race(new PlaygroundSettings { Shape = DataShape.Circles }, OptimizerKind.Sgd, OptimizerKind.Adam);

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
        var race = new Race(new PlaygroundSettings(), OptimizerKind.Nesterov, OptimizerKind.Nesterov);
        race.TrainEpoch();
        race.TrainEpoch();

        Assert.That(race.First.History, Is.EqualTo(race.Second.History));
    }
}
