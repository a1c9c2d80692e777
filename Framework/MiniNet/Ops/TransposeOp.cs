using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Reorders axes: output dimension d is input dimension axes[d] (by default the axes reversed, the matrix transpose);
/// the gradient is the output gradient permuted back.</summary>
public sealed class TransposeOp : Op
{
    private readonly int[] _axes;

    private TransposeOp(Tensor x, int[] axes) : base("transpose", x)
    {
        if (axes.Length != x.Rank || axes.Order().Where((axis, i) => axis != i).Any())
            throw new ArgumentException($"transpose: axes ({string.Join(",", axes)}) are not a permutation of the {x.Rank} axes of {ShapeMath.Format(x.ShapeArray)}");
        _axes = axes;
    }

    /// <summary>Permutes the axes of <paramref name="x"/>; with no axes given, reverses them.</summary>
    public static Tensor Apply(Tensor x, int[]? axes = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        var permutation = axes ?? Enumerable.Range(0, x.Rank).Reverse().ToArray();
        var op = new TransposeOp(x, permutation);
        return op.Run(permutation.Select(axis => x.Shape[axis]).ToArray());
    }

    /// <inheritdoc />
    protected override void Forward<T>() =>
        PermuteKernels.Permute<T>(Inputs[0].AsSpan<T>(), Inputs[0].ShapeArray, _axes, Output.AsSpan<T>());

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        if (!gradients.TryGetGradient<T>(Inputs[0], out var dx)) return;
        var inverse = new int[_axes.Length];
        for (int d = 0; d < _axes.Length; d++) inverse[_axes[d]] = d;
        PermuteKernels.Permute(outputGradient, Output.ShapeArray, inverse, dx, accumulate: true);
    }
}
