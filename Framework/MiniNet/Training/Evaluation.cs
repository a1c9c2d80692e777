using MiniNet.Metrics;

namespace MiniNet.Training;

/// <summary>How a model did on a dataset.</summary>
/// <param name="Loss">The mean loss per example.</param>
/// <param name="Accuracy">The fraction of examples whose highest logit is the true class.</param>
/// <param name="Confusion">Counts of (true class, predicted class).</param>
public sealed record Evaluation(double Loss, double Accuracy, ConfusionMatrix Confusion);
