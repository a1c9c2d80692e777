using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// The heads of (batch, heads, time, D) set side by side again: (batch, time, heads·D), PyTorch's
/// <c>y.transpose(1, 2).contiguous().view(B, T, heads·D)</c>, the inverse of <see cref="SplitHeadsOp"/>, in one copy of whole
/// D-long rows. Backward: each row of dy is added back to the head it came from.
/// </summary>
public sealed class MergeHeadsOp : Op
{
    private readonly HeadsLayout _layout;

    private MergeHeadsOp(Tensor x) : base("merge_heads", x)
    {
        if (x.Rank != 4) throw new ArgumentException($"merge_heads: {ShapeMath.Format(x.ShapeArray)} must be (batch, heads, time, head width)");
        _layout = new HeadsLayout(x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3], x.Shape[1] * x.Shape[3], Part: 0);
    }

    /// <summary>(batch, heads, time, D) → (batch, time, heads·D).</summary>
    /// <exception cref="ArgumentException">x is not rank 4.</exception>
    public static Tensor Apply(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var op = new MergeHeadsOp(x);
        return op.Run([x.Shape[0], x.Shape[2], op._layout.Features]);
    }

    /// <inheritdoc />
    protected override void Forward<T>() => _layout.ToSequence(Inputs[0].AsSpan<T>(), Output.AsSpan<T>(), add: false);

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients) =>
        gradients.AddMergeHeadsGradient(Inputs[0], outputGradient, _layout);
}
