using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>Averages each window of each channel, as Keras's <c>layers.AveragePooling2D</c>: (batch, height, width,
/// channels) → (batch, outputHeight, outputWidth, channels), one "avg_pool2d" op (<see cref="AveragePooling2DOp"/>); with
/// <see cref="Padding.Same"/> a window overhanging the border averages only what lies inside.</summary>
/// <param name="poolSize">The window's height and width; at least 1.</param>
/// <param name="strides">The step between windows, at least 1; null for <paramref name="poolSize"/>, as Keras.</param>
/// <param name="padding">Whole windows only (Keras's default) or ⌈input / strides⌉ windows.</param>
public sealed class AveragePooling2D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid) : Pooling2D(poolSize, strides, padding)
{
    /// <inheritdoc />
    public override Tensor Call(Tensor inputs) => AveragePooling2DOp.Apply(inputs, PoolSize, Strides, Padding);
}
