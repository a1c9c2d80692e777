namespace MiniNet.Training;

/// <summary>Thrown when a training step produces a non-finite loss or gradient; says where (epoch, batch) and which variable's
/// gradient went non-finite first.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Describes the divergence.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="batch">The batch within the epoch, from 0.</param>
    /// <param name="loss">The batch's loss.</param>
    /// <param name="variable">The first variable whose gradient holds NaN or infinity, or null if all gradients were finite.</param>
    public TrainingDivergedException(int epoch, int batch, double loss, string? variable)
        : base($"training diverged at epoch {epoch}, batch {batch}: loss {loss}" +
               (variable == null ? "" : $"; first non-finite gradient: '{variable}'") +
               " (try a lower learning rate)")
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
        Variable = variable;
    }

    /// <summary>The epoch, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The batch within the epoch, from 0.</summary>
    public int Batch { get; }

    /// <summary>The batch's loss.</summary>
    public double Loss { get; }

    /// <summary>The first variable whose gradient went non-finite, or null.</summary>
    public string? Variable { get; }
}
