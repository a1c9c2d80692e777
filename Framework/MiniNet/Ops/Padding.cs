namespace MiniNet.Ops;

/// <summary>How a convolution or pooling window treats the border, as Keras's <c>padding</c>: <see cref="Valid"/> keeps
/// only whole windows; <see cref="Same"/> pads with zeros (or, for pooling, ignores the padding) so the output has
/// ceil(input / stride) positions, TensorFlow's rule.</summary>
public enum Padding
{
    /// <summary>No padding: only windows that lie wholly inside the input.</summary>
    Valid,

    /// <summary>Pad so that the output has ceil(input / stride) positions; the extra goes to the bottom and right.</summary>
    Same,
}
