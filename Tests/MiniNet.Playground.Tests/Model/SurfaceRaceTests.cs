using MiniNet.Optimizers;
using MomentumLab;
using Playground.Model;

namespace MiniNet.Playground.Tests.Model;

public class SurfaceRaceTests
{
    [Test]
    public void Advance_InSmallSteps_WalksTheSamePathsAsTheMomentumLabInOneGo()
    {
        var race = new SurfaceRace(Surface.BumpyValley);
        while (!race.Finished) race.Advance(37);

        Assert.That(race.StepCount, Is.EqualTo(1000));
        var (nesterovPath, _) = Surface.BumpyValley.Descend(new Sgd(0.1, momentum: 0.9, nesterov: true), 1000);
        Assert.That(race.Racers.Single(r => r.Optimizer == OptimizerKind.Nesterov).Descent.Path, Is.EqualTo(nesterovPath));
        var (adamPath, _) = Surface.BumpyValley.Descend(new Adam(0.05), 1000);
        Assert.That(race.Racers.Single(r => r.Optimizer == OptimizerKind.Adam).Descent.Path, Is.EqualTo(adamPath));
    }

    [Test]
    public void StepsToThreshold_IsTheFirstStepBelowIt()
    {
        var race = new SurfaceRace(Surface.BumpyValley);
        race.Advance(1000);

        foreach (var racer in race.Racers)
        {
            var losses = racer.Descent.Losses;
            int first = Enumerable.Range(0, losses.Count).FirstOrDefault(step => losses[step] < SurfaceRace.Threshold, -1);
            Assert.That(racer.StepsToThreshold, Is.EqualTo(first < 0 ? null : first), racer.Optimizer.ToString());
        }
        // Plain SGD stops in the first bump's local minimum; heavy-ball momentum rolls over both bumps (the MomentumLab result).
        Assert.That(race.Racers.Single(r => r.Optimizer == OptimizerKind.Sgd).StepsToThreshold, Is.Null);
        Assert.That(race.Racers.Single(r => r.Optimizer == OptimizerKind.MomentumPyTorch).StepsToThreshold, Is.Not.Null);
    }

    [Test]
    public void MomentumInKerasForm_WalksThePyTorchFormsPath_AtAConstantLearningRate()
    {
        var race = new SurfaceRace(Surface.Rosenbrock);
        race.Advance(200);

        var pyTorch = race.Racers.Single(r => r.Optimizer == OptimizerKind.MomentumPyTorch).Descent.Path;
        var keras = race.Racers.Single(r => r.Optimizer == OptimizerKind.MomentumKeras).Descent.Path;
        for (int step = 0; step < pyTorch.Count; step++)
        {
            Assert.That(keras[step].X, Is.EqualTo(pyTorch[step].X).Within(1e-9));
            Assert.That(keras[step].Y, Is.EqualTo(pyTorch[step].Y).Within(1e-9));
        }
    }

    [Test]
    public void Advance_NeverGoesPastTheSurfacesSteps()
    {
        var race = new SurfaceRace(Surface.BumpyValley);
        race.Advance(5000);

        Assert.That(race.StepCount, Is.EqualTo(Surface.BumpyValley.Steps));
        Assert.That(race.Racers.All(r => r.Descent.Path.Count == Surface.BumpyValley.Steps + 1));
    }

    [Test]
    public void LossGrid_IsTheSurfaceAtEachCellCentre_TopRowFirst()
    {
        var race = new SurfaceRace(Surface.Rosenbrock);
        var grid = race.LossGrid(2);

        // Window x ∈ [-1.6, 1.6], y ∈ [-0.4, 2.2]: the top-left centre is (-0.8, 1.55), the bottom-right (0.8, 0.25).
        Assert.That(grid[0], Is.EqualTo((1 + 0.8) * (1 + 0.8) + 100 * Math.Pow(1.55 - 0.64, 2)).Within(1e-3));
        Assert.That(grid[3], Is.EqualTo(0.2 * 0.2 + 100 * Math.Pow(0.25 - 0.64, 2)).Within(1e-3));
    }
}
