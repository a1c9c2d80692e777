using MomentumLab;

namespace Playground.Model;

/// <summary>
/// Every optimizer of the playground walking down the same surface from the same start, as the MomentumLab sample does, a
/// few steps at a time so the page can animate the paths: SGD, both momentum forms and Nesterov (momentum 0.9) at the
/// surface's learning rate, Adam at its own.
/// </summary>
public sealed class SurfaceRace
{
    /// <summary>The loss a walker must get below to count as arrived.</summary>
    public const double Threshold = 1e-3;

    /// <summary>The surfaces the page offers: Rosenbrock's valley and the bumpy valley.</summary>
    public static IReadOnlyList<Surface> Surfaces { get; } = [Surface.Rosenbrock, Surface.BumpyValley];

    /// <summary>Puts one walker per optimizer kind at the surface's start.</summary>
    public SurfaceRace(Surface surface)
    {
        ArgumentNullException.ThrowIfNull(surface);
        Surface = surface;
        Racers = [.. OptimizerKinds.All.Select(kind =>
        {
            double learningRate = kind == OptimizerKind.Adam ? surface.AdamLearningRate : surface.LearningRate;
            return new SurfaceRacer(kind, learningRate, new SurfaceDescent(surface, OptimizerKinds.Create(kind, learningRate, momentum: 0.9)));
        })];
    }

    /// <summary>The surface walked on.</summary>
    public Surface Surface { get; }

    /// <summary>One walker per optimizer kind, in <see cref="OptimizerKinds.All"/>'s order.</summary>
    public IReadOnlyList<SurfaceRacer> Racers { get; }

    /// <summary>Steps each walker has taken.</summary>
    public int StepCount { get; private set; }

    /// <summary>Whether the walkers have taken the surface's <see cref="Surface.Steps"/>.</summary>
    public bool Finished => StepCount >= Surface.Steps;

    /// <summary>Moves every walker up to <paramref name="steps"/> steps on, never past <see cref="Surface.Steps"/>.</summary>
    public void Advance(int steps)
    {
        int target = Math.Min(Surface.Steps, StepCount + steps);
        for (; StepCount < target; StepCount++)
            foreach (var racer in Racers) racer.Descent.Step();
    }

    /// <summary>The loss at the centres of a <paramref name="resolution"/> × <paramref name="resolution"/> grid over the
    /// surface's window, row-major, row 0 at the top (<see cref="Surface.YRange"/>'s maximum).</summary>
    public float[] LossGrid(int resolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        var (xRange, yRange) = (Surface.XRange, Surface.YRange);
        var losses = new float[resolution * resolution];
        for (int row = 0; row < resolution; row++)
        for (int column = 0; column < resolution; column++)
            losses[row * resolution + column] = (float)Surface.At(
                xRange.Min + (column + 0.5) * (xRange.Max - xRange.Min) / resolution,
                yRange.Max - (row + 0.5) * (yRange.Max - yRange.Min) / resolution);
        return losses;
    }
}
