using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Softmax along an axis, y = exp(x - max) / Σ exp(x - max) (or its logarithm, computed stably, when <c>log</c> is set).</summary>
public sealed class SoftmaxOp : Op
{
    private readonly bool _log;
    private readonly (int Outer, int Length, int Inner) _split;

    private SoftmaxOp(Tensor x, int axis, bool log) : base(log ? "log_softmax" : "softmax", x)
    {
        _log = log;
        _split = ShapeMath.SplitAt(x.ShapeArray, ShapeMath.NormalizeAxis(Name, axis, x.Rank));
    }

    /// <summary>Softmax of <paramref name="x"/> along <paramref name="axis"/> (default the last).</summary>
    public static Tensor Softmax(Tensor x, int axis = -1) => new SoftmaxOp(x, axis, log: false).Run(x.ShapeArray);

    /// <summary>Log-softmax of <paramref name="x"/> along <paramref name="axis"/> (default the last).</summary>
    public static Tensor LogSoftmax(Tensor x, int axis = -1) => new SoftmaxOp(x, axis, log: true).Run(x.ShapeArray);

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        var (outer, length, inner) = _split;
        if (_log) SoftmaxKernels.LogSoftmax(Inputs[0].AsSpan<T>(), Output.AsSpan<T>(), outer, length, inner);
        else SoftmaxKernels.Softmax(Inputs[0].AsSpan<T>(), Output.AsSpan<T>(), outer, length, inner);
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        if (!gradients.TryGetGradient<T>(Inputs[0], out var dx)) return;
        var (outer, length, inner) = _split;
        if (_log) SoftmaxKernels.LogSoftmaxBackwardAdd(Output.AsSpan<T>(), outputGradient, dx, outer, length, inner);
        else SoftmaxKernels.SoftmaxBackwardAdd(Output.AsSpan<T>(), outputGradient, dx, outer, length, inner);
    }
}
