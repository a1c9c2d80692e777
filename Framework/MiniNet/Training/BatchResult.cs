namespace MiniNet.Training;

/// <summary>The outcome of one training step.</summary>
/// <param name="Batch">The batch's index within the epoch, from 0.</param>
/// <param name="Size">How many examples the batch held.</param>
/// <param name="Loss">The batch's mean loss.</param>
/// <param name="MeanLoss">The mean loss over the epoch so far, weighted by batch size.</param>
/// <param name="SamplesSeen">Examples trained on so far in this epoch.</param>
/// <param name="Seconds">Training time so far in this epoch.</param>
public sealed record BatchResult(int Batch, int Size, double Loss, double MeanLoss, int SamplesSeen, double Seconds);
