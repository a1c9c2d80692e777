namespace MiniNet.Distributed;

/// <summary>
/// Thrown on every rank at once when the ranks of a data-parallel run no longer hold the same weights, or train models of
/// different sizes: the periodic checksum of <see cref="DistributedOptimizer"/> differs between them. Training on weights
/// that drifted apart would average gradients of different models, so it stops. The message names the step and each
/// rank's checksum (or gradient count).
/// </summary>
public sealed class ReplicasDivergedException : Exception
{
    /// <summary>Creates the exception for the check before step <paramref name="step"/> (counted from 1).</summary>
    /// <param name="step">The step about to run when the check failed, counted from 1 over the whole run.</param>
    /// <param name="message">What differs between the ranks.</param>
    public ReplicasDivergedException(long step, string message) : base(message) => Step = step;

    /// <summary>The step about to run when the check failed, counted from 1 over the whole run.</summary>
    public long Step { get; }
}
