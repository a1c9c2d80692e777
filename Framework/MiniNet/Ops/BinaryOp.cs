using System.Numerics;
using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// An element-wise op y = f(a, b) with NumPy broadcasting: shapes aligned from the right must match or be 1, so a bias row
/// of shape (n) adds to a batch of shape (batch, n). Gradients flowing to a broadcast operand are summed back to its shape.
/// </summary>
public abstract class BinaryOp : Op
{
    private readonly int[] _resultShape;

    /// <summary>Checks that <paramref name="a"/> and <paramref name="b"/> broadcast; the message names the op and both shapes.</summary>
    protected BinaryOp(string name, Tensor a, Tensor b) : base(name, a, b)
    {
        _resultShape = ShapeMath.Broadcast(name, a.ShapeArray, b.ShapeArray);
    }

    /// <summary>The left operand.</summary>
    protected Tensor A => Inputs[0];

    /// <summary>The right operand.</summary>
    protected Tensor B => Inputs[1];

    /// <summary>Runs the op and returns its broadcast output.</summary>
    protected Tensor Run() => Run(_resultShape);

    /// <inheritdoc />
    protected sealed override void Forward<T>() => Broadcast(A.AsSpan<T>(), A, B.AsSpan<T>(), B, Output.AsSpan<T>(), RowKernel<T>());

    /// <summary>The row kernel y[i] = f(a[i], b[i]).</summary>
    protected abstract RowKernel<T> RowKernel<T>() where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Writes kernel(x, operand) over the output's shape, broadcasting <paramref name="operand"/>.</summary>
    protected void Broadcast<T>(ReadOnlySpan<T> x, Tensor xShape, ReadOnlySpan<T> operand, Tensor operandShape, Span<T> result, RowKernel<T> kernel)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        BroadcastKernels.Binary(x, xShape.ShapeArray, operand, operandShape.ShapeArray, result, _resultShape, kernel);

    /// <summary>Adds <paramref name="contribution"/> (shaped like the output) to <paramref name="input"/>'s gradient, summed
    /// over the dimensions along which the input was broadcast. Does nothing when the input wants no gradient.</summary>
    protected static void AddReduced<T>(ReadOnlySpan<T> contribution, Tensor output, Tensor input, IGradientSink gradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (gradients.TryGetGradient<T>(input, out var gradient))
            BroadcastKernels.SumToShapeAdd(contribution, output.ShapeArray, gradient, input.ShapeArray);
    }
}
