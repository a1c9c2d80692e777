// XOR with momentum SGD, then the same network with plain SGD: how many epochs each needs to reach a loss under 0.01.
// With --dot FILE, writes the graph of one training step in Graphviz DOT instead (see docs/reading-the-tape.md).
using MiniNet.Autodiff;
using MiniNet.Diagnostics;
using Xor;

ScriptErrors.ReportAsOneLine(); // a --dot path that cannot be written ends in one line, "error: ...", not a stack trace

if (args is ["--dot", var dotPath])
{
    var graph = XorExperiment.TraceFirstStep();
    Console.WriteLine($"GradientTape: {graph}");
    File.WriteAllText(dotPath, GraphvizExport.ToDot(graph));
    Console.WriteLine($"Wrote {dotPath}; draw it with: dot -Tsvg {dotPath} -o xor-graph.svg");
    return 0;
}

Console.WriteLine("Momentum SGD (lr 0.1, momentum 0.9), 2-8-1 tanh network, binary cross-entropy on logits:");
var withMomentum = XorExperiment.Train(momentum: 0.9, log: (epoch, loss) =>
{
    if (epoch % 50 == 0) Console.WriteLine($"  epoch {epoch,5}  loss {loss:F5}");
});
Report("momentum 0.9", withMomentum);

Console.WriteLine("Plain SGD (lr 0.1), same seed and network:");
var plain = XorExperiment.Train(momentum: 0, log: (epoch, loss) =>
{
    if (epoch % 1000 == 0) Console.WriteLine($"  epoch {epoch,5}  loss {loss:F5}");
});
Report("plain SGD", plain);

var fitted = XorExperiment.TrainWithFit(epochs: withMomentum.Epochs);
Console.WriteLine($"Fit, the same network for the same {withMomentum.Epochs} epochs: loss {fitted["loss"][^1]:F5}, binary accuracy {fitted["accuracy"][^1]:P0}");

if (withMomentum.Converged && plain.Converged)
    Console.WriteLine($"Momentum reached loss < {XorExperiment.TargetLoss} in {withMomentum.Epochs} epochs, plain SGD in {plain.Epochs}: {(double)plain.Epochs / withMomentum.Epochs:F1}x fewer with momentum.");
return withMomentum.Converged && withMomentum.Correct == 4 ? 0 : 1;

static void Report(string name, XorExperiment.Result result) =>
    Console.WriteLine($"{name}: {(result.Converged ? "converged" : "did not converge")} after {result.Epochs} epochs, loss {result.Loss:F5}, {result.Correct}/4 correct");
