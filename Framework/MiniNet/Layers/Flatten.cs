using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// Turns each example into one row, as Keras's <c>layers.Flatten</c>: (batch, height, width, channels) → (batch,
/// height·width·channels), elements in row-major, channels-last order (so the channels of one pixel stay side by side, as
/// Keras's with <c>data_format="channels_last"</c>). One "reshape" op; no weights. Put it between image layers and
/// <see cref="Dense"/>.
/// </summary>
public sealed class Flatten : Layer
{
    /// <inheritdoc />
    public override int OutputSize => InputSize;

    /// <inheritdoc />
    public override Tensor Call(Tensor inputs) => ReshapeOp.Apply(inputs, [inputs.Shape[0], InputSize]);

    /// <summary>Any example shape is accepted; there are no weights.</summary>
    protected override void CreateVariables(IReadOnlyList<int> inputShape, Random random, DType dtype) { }
}
