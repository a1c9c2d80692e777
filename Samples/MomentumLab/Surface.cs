using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace MomentumLab;

/// <summary>A 2-D loss written with MiniNet tensors, where to start on it, where its minimum is, and the window to draw.</summary>
public sealed record Surface(string Name, string Formula, Func<Tensor, Tensor, Tensor> Loss, (double X, double Y) Start, (double X, double Y) Minimum,
    (double Min, double Max) XRange, (double Min, double Max) YRange, double[] Levels)
{
    /// <summary>Rosenbrock's banana valley: a steep parabolic wall around a long, almost flat curved floor leading to (1, 1).</summary>
    public static readonly Surface Rosenbrock = new("Rosenbrock valley", "(1-x)² + 100(y-x²)²",
        (x, y) => (1 - x).Square() + (y - x.Square()).Square() * 100, (-1.2, 1), (1, 1), (-1.6, 1.6), (-0.4, 2.2),
        [0.1, 0.5, 2, 8, 30, 100, 300]) { LearningRate = 0.001, AdamLearningRate = 0.02, Steps = 5000 };

    /// <summary>A valley tilted gently down towards (0, 0), with two bumps across its floor: each leaves a shallow local minimum just before it.</summary>
    public static readonly Surface BumpyValley = new("Bumpy tilted valley", "0.1(√(1+x²)-1) + y² + 0.07·bump(x+5) + 0.08·bump(x+3)",
        (x, y) => ((x.Square() + 1).Sqrt() - 1) * 0.1 + y.Square() + Bump(x, -5, 0.07) + Bump(x, -3, 0.08), (-7, 1), (0, 0), (-7.5, 1.5), (-1.2, 1.2),
        [0.01, 0.05, 0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.8, 1]) { LearningRate = 0.1, AdamLearningRate = 0.05, Steps = 1000 };

    /// <summary>The learning rate the lab gives SGD, momentum and Nesterov here: about the largest at which plain SGD stays stable.</summary>
    public double LearningRate { get; init; }

    /// <summary>The learning rate the lab gives Adam here (Adam's steps are about lr long whatever the gradient's size).</summary>
    public double AdamLearningRate { get; init; }

    /// <summary>How many steps the lab runs each optimizer for.</summary>
    public int Steps { get; init; }

    /// <summary>A Gaussian bump of the given height centred at <paramref name="center"/>, width σ = 0.4: height·exp(-(x-center)²/0.32).</summary>
    private static Tensor Bump(Tensor x, double center, double height) => (-(x - center).Square() / 0.32).Exp() * height;

    /// <summary>The loss at a point, for drawing contour lines.</summary>
    public double At(double x, double y) => Loss(Tensor.Scalar(x, DType.Float64), Tensor.Scalar(y, DType.Float64)).Item();

    /// <summary>Runs <paramref name="optimizer"/> for <paramref name="steps"/> steps from <see cref="Start"/>, recording every point
    /// and the loss there (one more point and loss than steps); stops early if the loss stops being finite.</summary>
    public (List<(double X, double Y)> Path, List<double> Losses) Descend(Optimizer optimizer, int steps)
    {
        var descent = new SurfaceDescent(this, optimizer);
        for (int step = 0; step < steps && !descent.Diverged; step++) descent.Step();
        return ([.. descent.Path], [.. descent.Losses]);
    }
}
