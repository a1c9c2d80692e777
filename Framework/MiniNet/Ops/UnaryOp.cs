using System.Numerics;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>An element-wise op y = f(x) whose output has the input's shape; subclasses give f and its derivative.</summary>
public abstract class UnaryOp : Op
{
    /// <summary>Names the op and its one input.</summary>
    protected UnaryOp(string name, Tensor x) : base(name, x) { }

    /// <summary>Runs the op on its input and returns the output.</summary>
    protected Tensor Run() => Run(Inputs[0].ShapeArray);

    /// <inheritdoc />
    protected sealed override void Forward<T>() => Compute(Inputs[0].AsSpan<T>(), Output.AsSpan<T>());

    /// <inheritdoc />
    protected sealed override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        if (gradients.TryGetGradient<T>(Inputs[0], out var dx))
            AddGradient(Inputs[0].AsSpan<T>(), Output.AsSpan<T>(), outputGradient, dx);
    }

    /// <summary>y = f(x).</summary>
    protected abstract void Compute<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>dx += dy · f'(x), given x and y = f(x).</summary>
    protected abstract void AddGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>;
}
