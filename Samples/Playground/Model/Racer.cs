namespace Playground.Model;

/// <summary>
/// The second racer's own training settings: its optimizer, learning rate and momentum. Everything else (the data, the
/// network, the seed, the batch size, the regularisation) it shares with the first run, so the two start from the same
/// weights and see the same batches.
/// </summary>
public sealed record Racer(OptimizerKind Optimizer, double LearningRate, double Momentum)
{
    /// <summary>The second run's settings: <paramref name="shared"/> with this racer's optimizer, learning rate and momentum.</summary>
    public PlaygroundSettings Apply(PlaygroundSettings shared) =>
        shared with { Optimizer = Optimizer, LearningRate = LearningRate, Momentum = Momentum };

    /// <summary>The names that tell two runs apart in legends, titles and readouts: the optimizer's label, followed by the
    /// learning rate when the two runs' rates differ and by the momentum when they differ and the optimizer uses one,
    /// e.g. ("momentum (PyTorch form), m 0.5", "momentum (PyTorch form), m 0.9").</summary>
    public static (string First, string Second) Names(PlaygroundSettings first, PlaygroundSettings second) =>
        (Name(first, second), Name(second, first));

    private static string Name(PlaygroundSettings run, PlaygroundSettings other)
    {
        string name = OptimizerKinds.Label(run.Optimizer);
        if (run.LearningRate != other.LearningRate) name += $", lr {Drawing.NumberText.Setting(run.LearningRate)}";
        if (run.Momentum != other.Momentum && OptimizerKinds.UsesMomentum(run.Optimizer)) name += $", m {Drawing.NumberText.Setting(run.Momentum)}";
        return name;
    }
}
