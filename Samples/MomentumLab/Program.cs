// The momentum lab: plain SGD, momentum 0.5 and 0.9, Nesterov and Adam, from the same start on two classic 2-D surfaces.
//   dotnet run --project Samples/MomentumLab -- --out DIR     (writes <surface>-paths.png and <surface>-loss.png into DIR,
//                                                              ./momentum-lab without --out, and prints where)
using MiniNet.Diagnostics;
using MiniNet.Optimizers;
using MiniNet.Plotting;
using MomentumLab;

ScriptErrors.ReportAsOneLine(); // an --out folder that cannot be written ends in one line, "error: ...", not a stack trace

string outputFolder = args is ["--out", var folder] ? folder : "momentum-lab";
const double TargetLoss = 1e-3;

Experiment(Surface.Rosenbrock, drawnSteps: 600, "rosenbrock");
Experiment(Surface.BumpyValley, drawnSteps: 1000, "bumpy-valley");

void Experiment(Surface surface, int drawnSteps, string fileName)
{
    var (learningRate, adamLearningRate, steps) = (surface.LearningRate, surface.AdamLearningRate, surface.Steps);
    (string Name, Optimizer Optimizer)[] contenders =
    [
        ("SGD", new Sgd(learningRate)),
        ("momentum 0.5", new Sgd(learningRate, momentum: 0.5)),
        ("momentum 0.9", new Sgd(learningRate, momentum: 0.9)),
        ("Nesterov 0.9", new Sgd(learningRate, momentum: 0.9, nesterov: true)),
        ($"Adam (lr {adamLearningRate})", new Adam(adamLearningRate)),
    ];
    var runs = contenders.Select(c => (c.Name, Run: surface.Descend(c.Optimizer, steps))).ToList();

    Console.WriteLine($"{surface.Name}, {surface.Formula}: start {surface.Start}, minimum {surface.Minimum}, lr {learningRate}, {steps} steps");
    Console.WriteLine($"| optimizer | steps to loss < {TargetLoss:G} | final loss | mean step until then | steps that raised the loss | farthest past the minimum in x | ends at |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
    foreach (var (name, (path, losses)) in runs)
    {
        int reached = losses.FindIndex(loss => loss < TargetLoss);
        var untilThen = path[..(reached < 0 ? path.Count : reached + 1)];
        double meanStep = untilThen.Zip(untilThen.Skip(1), (a, b) => Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y))).Average();
        int uphill = losses.Zip(losses.Skip(1)).Count(pair => pair.Second > pair.First + 1e-12); // rises beyond rounding noise
        double pastMinimum = Math.Max(0, path.Max(p => p.X) - surface.Minimum.X);
        Console.WriteLine($"| {name} | {(reached < 0 ? "not reached" : reached)} | {losses[^1]:0.0e+0} | {meanStep:F4} | {uphill} | {pastMinimum:F3} | ({path[^1].X:F2}, {path[^1].Y:F2}) |");
    }

    string pathsPng = Path.Combine(outputFolder, $"{fileName}-paths.png"), lossPng = Path.Combine(outputFolder, $"{fileName}-loss.png");
    ContourPaths.SavePng(pathsPng, surface.At, surface.XRange, surface.YRange, surface.Levels,
        [.. runs.Select(r => (r.Name, (IReadOnlyList<(double X, double Y)>)r.Run.Path[..Math.Min(drawnSteps + 1, r.Run.Path.Count)]))],
        surface.Minimum, $"{surface.Name}: the first {drawnSteps} steps from {surface.Start}");
    LossByStep.SavePng(lossPng, [.. runs.Select(r => (r.Name, (IReadOnlyList<double>)r.Run.Losses))],
        $"{surface.Name}: loss by step", TargetLoss);
    Console.WriteLine($"wrote {Path.GetFullPath(pathsPng)} and {Path.GetFullPath(lossPng)}");
    Console.WriteLine();
}
