using MomentumLab;

namespace Playground.Model;

/// <summary>One optimizer's walk in a <see cref="SurfaceRace"/>, with the learning rate it was given.</summary>
/// <param name="Optimizer">Which optimizer walks.</param>
/// <param name="LearningRate">Its learning rate (the momentum kinds use momentum 0.9).</param>
/// <param name="Descent">The walk so far: its path and the loss at each point.</param>
public sealed record SurfaceRacer(OptimizerKind Optimizer, double LearningRate, SurfaceDescent Descent)
{
    /// <summary>The first step after which the loss was below <see cref="SurfaceRace.Threshold"/>, or null if not yet.</summary>
    public int? StepsToThreshold
    {
        get
        {
            for (int step = 0; step < Descent.Losses.Count; step++)
                if (Descent.Losses[step] < SurfaceRace.Threshold) return step;
            return null;
        }
    }
}
