using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Sum (or mean, when <c>mean</c> is set) over one axis or all elements; the gradient spreads dy evenly back over the
/// reduced axis (scaled by 1/length for the mean).</summary>
public sealed class SumOp : ReductionOp
{
    private readonly bool _mean;

    private SumOp(Tensor x, int? axis, bool keepDims, bool mean) : base(mean ? "mean" : "sum", x, axis, keepDims) => _mean = mean;

    /// <summary>Sums <paramref name="x"/> along <paramref name="axis"/> (all elements when null).</summary>
    public static Tensor Sum(Tensor x, int? axis, bool keepDims)
    {
        var op = new SumOp(x, axis, keepDims, mean: false);
        return op.Run(op.OutputShape);
    }

    /// <summary>Averages <paramref name="x"/> along <paramref name="axis"/> (all elements when null).</summary>
    public static Tensor Mean(Tensor x, int? axis, bool keepDims)
    {
        var op = new SumOp(x, axis, keepDims, mean: true);
        return op.Run(op.OutputShape);
    }

    /// <inheritdoc />
    protected override void Forward<T>() =>
        AxisKernels.Sum(Inputs[0].AsSpan<T>(), Output.AsSpan<T>(), Outer, Length, Inner, Scale<T>());

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        if (gradients.TryGetGradient<T>(Inputs[0], out var dx))
            AxisKernels.BroadcastAdd(outputGradient, dx, Outer, Length, Inner, Scale<T>());
    }

    private T Scale<T>() where T : System.Numerics.IFloatingPointIeee754<T> =>
        _mean ? T.One / T.CreateChecked(Length) : T.One;
}
