using MiniNet.Autodiff;
using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace MomentumLab;

/// <summary>An optimizer walking down a <see cref="Surface"/> from its start, one step at a time, recording every point it
/// visits and the loss there. Stops for good once the loss stops being finite.</summary>
public sealed class SurfaceDescent
{
    private readonly Surface _surface;
    private readonly Optimizer _optimizer;
    private readonly Variable _x, _y;
    private readonly List<(double X, double Y)> _path = [];
    private readonly List<double> _losses = [];

    /// <summary>Places the walker at <see cref="Surface.Start"/> and records the loss there.</summary>
    public SurfaceDescent(Surface surface, Optimizer optimizer)
    {
        _surface = surface;
        _optimizer = optimizer;
        _x = new Variable(Tensor.Scalar(surface.Start.X, DType.Float64), "x");
        _y = new Variable(Tensor.Scalar(surface.Start.Y, DType.Float64), "y");
        Record();
    }

    /// <summary>Every point visited, the start first: one more than the steps taken.</summary>
    public IReadOnlyList<(double X, double Y)> Path => _path;

    /// <summary>The loss at each point of <see cref="Path"/>.</summary>
    public IReadOnlyList<double> Losses => _losses;

    /// <summary>Whether the loss stopped being finite, which ends the walk.</summary>
    public bool Diverged => !double.IsFinite(_losses[^1]);

    /// <summary>One optimizer step from the current point, then records the new point and its loss; nothing once diverged.</summary>
    public void Step()
    {
        if (Diverged) return;
        using (var scope = new TensorScope())
        {
            using var tape = new GradientTape();
            var loss = _surface.Loss(_x, _y);
            _optimizer.ApplyGradients(tape.Gradient(loss, [_x, _y]).Zip([_x, _y]));
        }
        Record();
    }

    private void Record()
    {
        using var scope = new TensorScope();
        _path.Add((_x.Item(), _y.Item()));
        _losses.Add(_surface.Loss(_x, _y).Item());
    }
}
