using Playground.Model;

namespace Playground.Drawing;

/// <summary>One curve of the loss chart: a run's train or test loss against the epochs trained when it was measured.</summary>
/// <param name="Run">Which run it belongs to: "first", or "second" for the racing optimizer (the polyline's data-run).</param>
/// <param name="Set">"train" or "test" (the polyline's data-set).</param>
/// <param name="Label">The legend's text, e.g. "train loss, Adam".</param>
/// <param name="Points">(epochs trained, loss), one per history entry; a single Step counts as a fraction of an epoch.</param>
public sealed record LossCurve(string Run, string Set, string Label, IReadOnlyList<(double X, double Y)> Points)
{
    /// <summary>The train and test curves of <paramref name="source"/>'s history, labelled with <paramref name="name"/>. An
    /// epoch is ⌈training points / batch size⌉ optimizer steps (the last batch of an epoch may be smaller).</summary>
    /// <param name="run">"first" or "second".</param>
    /// <param name="source">The run whose history is drawn.</param>
    /// <param name="name">What the legend calls the run; its optimizer's label when null.</param>
    public static IEnumerable<LossCurve> Of(string run, PlaygroundRun source, string? name = null)
    {
        name ??= OptimizerKinds.Label(source.Settings.Optimizer);
        double stepsPerEpoch = Math.Ceiling(source.TrainPoints.Count / (double)source.Settings.BatchSize);
        yield return new LossCurve(run, "train", $"train loss, {name}", [.. source.History.Select(p => (p.Step / stepsPerEpoch, p.TrainLoss))]);
        yield return new LossCurve(run, "test", $"test loss, {name}", [.. source.History.Select(p => (p.Step / stepsPerEpoch, p.TestLoss))]);
    }
}
