using Playground.Model;

namespace Playground.Drawing;

/// <summary>One curve of the loss chart: a run's train or test loss against the optimizer step it was measured after.</summary>
/// <param name="Run">Which run it belongs to: "first", or "second" for the racing optimizer (the polyline's data-run).</param>
/// <param name="Set">"train" or "test" (the polyline's data-set).</param>
/// <param name="Label">The legend's text, e.g. "train loss, Adam".</param>
/// <param name="Points">(optimizer steps taken, loss), one per history entry.</param>
public sealed record LossCurve(string Run, string Set, string Label, IReadOnlyList<(double X, double Y)> Points)
{
    /// <summary>The train and test curves of a run's history, labelled with the optimizer's name.</summary>
    /// <param name="run">"first" or "second".</param>
    /// <param name="optimizer">The run's optimizer, named in the legend.</param>
    /// <param name="history">The run's loss history.</param>
    public static IEnumerable<LossCurve> Of(string run, OptimizerKind optimizer, IReadOnlyList<LossPoint> history)
    {
        string name = OptimizerKinds.Label(optimizer);
        yield return new LossCurve(run, "train", $"train loss, {name}", [.. history.Select(p => ((double)p.Step, p.TrainLoss))]);
        yield return new LossCurve(run, "test", $"test loss, {name}", [.. history.Select(p => ((double)p.Step, p.TestLoss))]);
    }
}
