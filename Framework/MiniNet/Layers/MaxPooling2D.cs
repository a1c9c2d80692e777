using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>Keeps the largest value of each window of each channel, as Keras's <c>layers.MaxPooling2D</c>:
/// (batch, height, width, channels) → (batch, outputHeight, outputWidth, channels), one "max_pool2d" op
/// (<see cref="MaxPooling2DOp"/>). Keras's default halves the height and width: <c>new MaxPooling2D()</c>.</summary>
/// <param name="poolSize">The window's height and width; at least 1.</param>
/// <param name="strides">The step between windows, at least 1; null for <paramref name="poolSize"/>, as Keras.</param>
/// <param name="padding">Whole windows only (Keras's default) or ⌈input / strides⌉ windows.</param>
public sealed class MaxPooling2D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid) : Pooling2D(poolSize, strides, padding)
{
    /// <inheritdoc />
    public override Tensor Call(Tensor inputs) => MaxPooling2DOp.Apply(inputs, PoolSize, Strides, Padding);
}
