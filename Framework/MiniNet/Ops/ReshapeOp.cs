using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>The same elements in the same order under a new shape (one dimension may be -1: inferred); dx += dy unchanged.</summary>
public sealed class ReshapeOp : Op
{
    private ReshapeOp(Tensor x) : base("reshape", x) { }

    /// <summary>Reshapes <paramref name="x"/> to <paramref name="shape"/>, which must hold the same number of elements.</summary>
    public static Tensor Apply(Tensor x, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(shape);
        return new ReshapeOp(x).Run(Resolve(x, shape));
    }

    /// <inheritdoc />
    protected override void Forward<T>() => ElementwiseKernels.Copy(Inputs[0].AsSpan<T>(), Output.AsSpan<T>());

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        if (gradients.TryGetGradient<T>(Inputs[0], out var dx)) ElementwiseKernels.Add(dx, outputGradient);
    }

    private static int[] Resolve(Tensor x, int[] shape)
    {
        var resolved = (int[])shape.Clone();
        int inferred = Array.IndexOf(resolved, -1);
        string Cannot() => $"reshape: cannot reshape {ShapeMath.Format(x.ShapeArray)} ({x.Length} elements) to {ShapeMath.Format(shape)}";
        if (resolved.AsSpan().Count(-1) > 1 || resolved.AsSpan().IndexOfAnyInRange(int.MinValue, -2) >= 0) throw new ArgumentException($"{Cannot()}: at most one -1 and no other negative dimension");
        if (inferred >= 0)
        {
            resolved[inferred] = 1;
            int known = ShapeMath.ElementCount(resolved);
            if (known == 0 || x.Length % known != 0) throw new ArgumentException(Cannot());
            resolved[inferred] = x.Length / known;
        }
        if (ShapeMath.ElementCount(resolved) != x.Length) throw new ArgumentException(Cannot());
        return resolved;
    }
}
