using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// Part of a tensor along one axis: <see cref="Narrow"/> keeps indices [start, start + length) of the axis (PyTorch's
/// <c>narrow</c>, NumPy's <c>x[:, start:start+length]</c>), <see cref="Select"/> keeps one index and drops the axis (PyTorch's
/// <c>select</c>, <c>x[:, t]</c>: time step t of a (batch, time, width) sequence). dx[.., start:start+length, ..] += dy; the rest
/// of x receives nothing.
/// </summary>
public sealed class SliceOp : Op
{
    private readonly int _outer, _axisLength, _start, _length, _inner;

    private SliceOp(string name, Tensor x, int axis, int start, int length) : base(name, x)
    {
        (_outer, _axisLength, _inner) = ShapeMath.SplitAt(x.ShapeArray, axis);
        (_start, _length) = (start, length);
    }

    /// <summary>Indices [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of
    /// <paramref name="axis"/> (negative counts from the end), the other axes whole; the axis keeps its place with
    /// <paramref name="length"/> entries.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is not one of x's, or the range is empty or reaches outside it.</exception>
    public static Tensor Narrow(Tensor x, int axis, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(x);
        int resolved = ShapeMath.NormalizeAxis("narrow", axis, x.Rank);
        if (start < 0 || length < 1 || start + length > x.Shape[resolved])
            throw new ArgumentOutOfRangeException(nameof(start), $"narrow: [{start}, {start + length}) is not a non-empty range within axis {axis} of {ShapeMath.Format(x.ShapeArray)}, which has length {x.Shape[resolved]}");
        return new SliceOp("narrow", x, resolved, start, length).Run(x.ShapeArray.Select((dimension, i) => i == resolved ? length : dimension).ToArray());
    }

    /// <summary>Index <paramref name="index"/> of <paramref name="axis"/> (negative counts from the end), without that axis:
    /// (batch, time, width) with axis 1 gives one time step, (batch, width).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is not one of x's, or the index is outside it.</exception>
    public static Tensor Select(Tensor x, int axis, int index)
    {
        ArgumentNullException.ThrowIfNull(x);
        int resolved = ShapeMath.NormalizeAxis("select", axis, x.Rank);
        if (index < 0 || index >= x.Shape[resolved])
            throw new ArgumentOutOfRangeException(nameof(index), $"select: index {index} is outside axis {axis} of {ShapeMath.Format(x.ShapeArray)}, which has length {x.Shape[resolved]}");
        return new SliceOp("select", x, resolved, index, 1).Run(x.ShapeArray.Where((_, i) => i != resolved).ToArray());
    }

    /// <inheritdoc />
    protected override void Forward<T>() =>
        SliceKernels.CopyBlocks(Inputs[0].AsSpan<T>(), _axisLength * _inner, _start * _inner,
            Output.AsSpan<T>(), _length * _inner, 0, _length * _inner, _outer);

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        if (gradients.TryGetGradient<T>(Inputs[0], out var dx))
            SliceKernels.CopyBlocks(outputGradient, _length * _inner, 0,
                dx, _axisLength * _inner, _start * _inner, _length * _inner, _outer, accumulate: true);
    }
}
