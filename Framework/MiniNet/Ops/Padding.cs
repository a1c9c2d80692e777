namespace MiniNet.Ops;

/// <summary>How a convolution or pooling window treats the border, as Keras's <c>padding</c> argument.</summary>
public enum Padding
{
    /// <summary>No padding: windows lie wholly inside the image, so the output is ⌊(H - KH) / s⌋ + 1 high (likewise wide).</summary>
    Valid,

    /// <summary>Pad so the output is ⌈H / s⌉ high (likewise wide), as TensorFlow does: a total of max((⌈H / s⌉ - 1)·s + KH - H, 0)
    /// rows, half of it (rounded down) above and the rest below; a convolution pads with zeros, a pooling window ignores the
    /// padded positions.</summary>
    Same,
}
