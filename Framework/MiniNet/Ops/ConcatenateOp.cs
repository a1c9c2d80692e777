using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// Tensors put side by side along one axis: <see cref="Concatenate"/> joins them along an existing axis (PyTorch's
/// <c>cat</c>), <see cref="Stack"/> along a new one (PyTorch's <c>stack</c>: T steps of (batch, width) become (batch, T, width)
/// with axis 1). Each input's gradient is its own part of dy, added.
/// </summary>
public sealed class ConcatenateOp : Op
{
    private readonly int _outer, _inner;
    private readonly int[] _lengths;

    private ConcatenateOp(string name, Tensor[] parts, int axis, int[] lengths, int[] outputShape) : base(name, parts)
    {
        (_outer, _, _inner) = ShapeMath.SplitAt(outputShape, axis);
        _lengths = lengths;
    }

    /// <summary>Joins <paramref name="parts"/> along <paramref name="axis"/> (negative counts from the end); their other
    /// dimensions must agree.</summary>
    /// <exception cref="ArgumentException">No parts, or their shapes differ outside the axis (the message names both).</exception>
    public static Tensor Concatenate(IReadOnlyList<Tensor> parts, int axis)
    {
        var inputs = Require("concatenate", parts);
        int resolved = ShapeMath.NormalizeAxis("concatenate", axis, inputs[0].Rank);
        RequireSameShapes("concatenate", inputs, except: resolved);
        int[] lengths = [.. inputs.Select(part => part.Shape[resolved])];
        var shape = (int[])inputs[0].ShapeArray.Clone();
        shape[resolved] = lengths.Sum();
        return new ConcatenateOp("concatenate", inputs, resolved, lengths, shape).Run(shape);
    }

    /// <summary>Stacks <paramref name="parts"/>, all of one shape, along a new axis at <paramref name="axis"/> (0 to their
    /// rank; negative counts from the end of the result).</summary>
    /// <exception cref="ArgumentException">No parts, or their shapes differ (the message names both).</exception>
    public static Tensor Stack(IReadOnlyList<Tensor> parts, int axis)
    {
        var inputs = Require("stack", parts);
        int resolved = ShapeMath.NormalizeAxis("stack", axis, inputs[0].Rank + 1);
        RequireSameShapes("stack", inputs, except: -1);
        int[] shape = [.. inputs[0].ShapeArray[..resolved], inputs.Length, .. inputs[0].ShapeArray[resolved..]];
        return new ConcatenateOp("stack", inputs, resolved, [.. inputs.Select(_ => 1)], shape).Run(shape);
    }

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        int total = _lengths.Sum(), offset = 0;
        for (int i = 0; i < Inputs.Count; i++)
        {
            SliceKernels.CopyBlocks(Inputs[i].AsSpan<T>(), _lengths[i] * _inner, 0,
                Output.AsSpan<T>(), total * _inner, offset * _inner, _lengths[i] * _inner, _outer);
            offset += _lengths[i];
        }
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        int total = _lengths.Sum(), offset = 0;
        for (int i = 0; i < Inputs.Count; i++)
        {
            if (gradients.TryGetGradient<T>(Inputs[i], out var dx))
                SliceKernels.CopyBlocks(outputGradient, total * _inner, offset * _inner,
                    dx, _lengths[i] * _inner, 0, _lengths[i] * _inner, _outer, accumulate: true);
            offset += _lengths[i];
        }
    }

    private static Tensor[] Require(string name, IReadOnlyList<Tensor> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new ArgumentException($"{name}: needs at least one tensor", nameof(parts));
        return [.. parts];
    }

    private static void RequireSameShapes(string name, Tensor[] parts, int except)
    {
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part);
            var (first, other) = (parts[0].ShapeArray, part.ShapeArray);
            if (first.Length != other.Length || first.Where((d, i) => i != except && d != other[i]).Any())
                throw new ArgumentException($"{name}: {ShapeMath.Format(first)} and {ShapeMath.Format(other)} differ " +
                    (except < 0 ? "in shape" : $"outside axis {except}"), nameof(parts));
        }
    }
}
