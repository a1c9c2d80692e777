using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Training;

/// <summary>Thrown when a training step produces a non-finite loss or gradient; says where (epoch, batch) and which variable's
/// gradient went non-finite first. The message and the <see cref="Epoch"/> and <see cref="Batch"/> properties count both
/// epochs and batches from 1, as <see cref="ProgressDisplay"/> does: "epoch 1, batch 1" is the first step of the run.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Describes the divergence.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="batch">The batch within the epoch, from 0 (as the training loop and <see cref="BatchResult.Batch"/> count
    /// it); the message and <see cref="Batch"/> say <paramref name="batch"/> + 1.</param>
    /// <param name="loss">The batch's loss.</param>
    /// <param name="variable">The first variable whose gradient holds NaN or infinity, or null if all gradients were finite.</param>
    public TrainingDivergedException(int epoch, int batch, double loss, string? variable)
        : base($"training diverged at epoch {epoch}, batch {batch + 1}: loss {loss}" +
               (variable == null ? "" : $"; first non-finite gradient: '{variable}'") +
               " (try a lower learning rate)")
    {
        Epoch = epoch;
        Batch = batch + 1;
        Loss = loss;
        Variable = variable;
    }

    /// <summary>The epoch, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The batch within the epoch, from 1 (the first batch of an epoch is 1), as in the message.</summary>
    public int Batch { get; }

    /// <summary>The batch's loss.</summary>
    public double Loss { get; }

    /// <summary>The first variable whose gradient went non-finite, or null.</summary>
    public string? Variable { get; }

    /// <summary>Throws, naming the step of <paramref name="state"/> (<see cref="FitState.Epoch"/>, <see cref="FitState.Batch"/>),
    /// when <paramref name="loss"/> or an element of <paramref name="gradients"/> (one per trainable variable, in the model's
    /// order) is NaN or infinite.</summary>
    /// <exception cref="TrainingDivergedException">Something is not finite.</exception>
    public static void ThrowIfNotFinite(FitState state, double loss, IReadOnlyList<Tensor?> gradients)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(gradients);
        string? culprit = null;
        for (int i = 0; i < gradients.Count && culprit == null; i++)
            if (gradients[i] is { } gradient && !IsFinite(gradient)) culprit = state.Model.TrainableVariables[i].Name;
        if (culprit != null || !double.IsFinite(loss)) throw new TrainingDivergedException(state.Epoch, state.Batch, loss, culprit);
    }

    private static bool IsFinite(Tensor tensor) => tensor.DType == DType.Float32
        ? FiniteKernels.AllFinite<float>(tensor.AsSpan<float>())
        : FiniteKernels.AllFinite<double>(tensor.AsSpan<double>());
}
