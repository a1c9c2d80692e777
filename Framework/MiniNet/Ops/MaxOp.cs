using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Maximum over one axis or all elements; the gradient goes to the first position holding the maximum.</summary>
public sealed class MaxOp : ReductionOp
{
    private MaxOp(Tensor x, int? axis, bool keepDims) : base("max", x, axis, keepDims)
    {
        if (Length == 0) throw new ArgumentException($"max: cannot reduce an empty axis of {ShapeMath.Format(x.ShapeArray)}");
    }

    /// <summary>The maximum of <paramref name="x"/> along <paramref name="axis"/> (all elements when null).</summary>
    public static Tensor Apply(Tensor x, int? axis, bool keepDims)
    {
        var op = new MaxOp(x, axis, keepDims);
        return op.Run(op.OutputShape);
    }

    /// <inheritdoc />
    protected override void Forward<T>() => AxisKernels.Max(Inputs[0].AsSpan<T>(), Output.AsSpan<T>(), Outer, Length, Inner);

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        if (gradients.TryGetGradient<T>(Inputs[0], out var dx))
            AxisKernels.MaxBackwardAdd(Inputs[0].AsSpan<T>(), Output.AsSpan<T>(), outputGradient, dx, Outer, Length, Inner);
    }
}
