using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// One of the equal slices of the last axis of (batch, time, parts·width), cut into heads and moved ahead of time:
/// (batch, heads, time, width/heads). It is PyTorch's <c>q, k, v = qkv.split(width, dim=2)</c> followed by
/// <c>q.view(B, T, heads, D).transpose(1, 2)</c>, in one copy of whole D-long rows. Backward: each row of dy is added back
/// to the place it was copied from.
/// </summary>
public sealed class SplitHeadsOp : Op
{
    private readonly HeadsLayout _layout;

    private SplitHeadsOp(Tensor x, int heads, int part, int parts) : base("split_heads", x)
    {
        string At() => $"split_heads: {ShapeMath.Format(x.ShapeArray)} into {heads} heads, part {part} of {parts}";
        if (x.Rank != 3) throw new ArgumentException($"{At()}: the input must be (batch, time, features)");
        if (parts < 1 || part < 0 || part >= parts) throw new ArgumentOutOfRangeException(nameof(part), part, $"{At()}: part must be in [0, parts)");
        if (heads < 1 || x.Shape[2] % (parts * heads) != 0)
            throw new ArgumentException($"{At()}: features {x.Shape[2]} must divide into {parts} parts of {heads} equal heads");
        _layout = new HeadsLayout(x.Shape[0], heads, x.Shape[1], x.Shape[2] / parts / heads, x.Shape[2], part);
    }

    /// <summary>Slice <paramref name="part"/> of <paramref name="parts"/> of <paramref name="x"/>'s last axis (batch, time,
    /// parts·heads·D), as (batch, heads, time, D).</summary>
    /// <exception cref="ArgumentException">x is not rank 3, or its last axis does not divide into parts of heads.</exception>
    public static Tensor Apply(Tensor x, int heads, int part = 0, int parts = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        var op = new SplitHeadsOp(x, heads, part, parts);
        return op.Run([x.Shape[0], heads, x.Shape[1], op._layout.HeadWidth]);
    }

    /// <inheritdoc />
    protected override void Forward<T>() => _layout.ToHeads(Inputs[0].AsSpan<T>(), Output.AsSpan<T>(), add: false);

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients) =>
        gradients.AddSplitHeadsGradient(Inputs[0], outputGradient, _layout);
}
