using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>An op that reduces over one axis (or over all elements when the axis is null), optionally keeping the reduced
/// dimension with length 1. The input is viewed as (outer, length, inner) around the axis.</summary>
public abstract class ReductionOp : Op
{
    /// <summary>Resolves the axis (negative counts from the end) and the output shape.</summary>
    protected ReductionOp(string name, Tensor x, int? axis, bool keepDims) : base(name, x)
    {
        if (axis is { } given)
        {
            int a = ShapeMath.NormalizeAxis(name, given, x.Rank);
            (Outer, Length, Inner) = ShapeMath.SplitAt(x.ShapeArray, a);
            OutputShape = keepDims
                ? x.ShapeArray.Select((d, i) => i == a ? 1 : d).ToArray()
                : x.ShapeArray.Where((_, i) => i != a).ToArray();
        }
        else
        {
            (Outer, Length, Inner) = (1, x.Length, 1);
            OutputShape = keepDims ? Enumerable.Repeat(1, x.Rank).ToArray() : [];
        }
    }

    /// <summary>The product of the dimensions before the axis.</summary>
    protected int Outer { get; }

    /// <summary>The length of the reduced axis.</summary>
    protected int Length { get; }

    /// <summary>The product of the dimensions after the axis.</summary>
    protected int Inner { get; }

    /// <summary>The shape of the result.</summary>
    protected int[] OutputShape { get; }
}
