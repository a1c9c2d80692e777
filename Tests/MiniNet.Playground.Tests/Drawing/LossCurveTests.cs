using Playground.Drawing;
using Playground.Model;

namespace MiniNet.Playground.Tests.Drawing;

public class LossCurveTests
{
    [Test]
    public void Of_PutsEachHistoryEntryAtTheEpochsTrained_CountingAStepAsAFractionOfAnEpoch()
    {
        // 200 points, half for training, batches of 40: an epoch is ⌈100 / 40⌉ = 3 steps (40, 40 and the last 20).
        var run = new PlaygroundRun(new PlaygroundSettings { PointCount = 200, TrainFraction = 0.5, BatchSize = 40 });
        run.Step();
        run.TrainEpoch();
        run.TrainEpoch();

        var curves = LossCurve.Of("second", run).ToList();

        Assert.That(curves.Select(c => (c.Run, c.Set)), Is.EqualTo(new[] { ("second", "train"), ("second", "test") }));
        Assert.That(curves[0].Points.Select(p => p.X), Is.EqualTo(new[] { 0, 1 / 3.0, 1, 2 }).Within(1e-12));
        Assert.That(curves[0].Points.Select(p => p.Y), Is.EqualTo(run.History.Select(p => p.TrainLoss)));
        Assert.That(curves[1].Points.Select(p => p.Y), Is.EqualTo(run.History.Select(p => p.TestLoss)));
        Assert.That(curves[1].Label, Is.EqualTo($"test loss, {OptimizerKinds.Label(run.Settings.Optimizer)}"));
    }
}
