namespace Playground.Model;

/// <summary>The losses of a run at one moment: after <paramref name="Step"/> optimizer steps, <paramref name="Epoch"/> of
/// them complete passes over the training points. Losses are binary cross-entropy over the whole set, without the L2 term.</summary>
public readonly record struct LossPoint(int Epoch, int Step, double TrainLoss, double TestLoss);
