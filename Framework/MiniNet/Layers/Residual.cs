using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// A residual (skip) connection around a few layers: outputs = inputs + f(inputs), f the layers applied in order (He et al.,
/// 2016). A pre-norm transformer block is two of them, as in GPT-2:
/// <c>new Residual(new LayerNormalization(), new MultiHeadAttention(heads: 4, causal: true))</c> then
/// <c>new Residual(new LayerNormalization(), new Dense(4 * width, Activation.Gelu), new Dense(width))</c>. The layers must
/// give back the shape they were given. Their variables are the block's, named "residual_1/dense_1/kernel" and so on.
/// </summary>
public sealed class Residual : Layer
{
    private readonly Layer[] _layers;

    /// <summary>Describes the block.</summary>
    /// <param name="layers">The layers of f, first to last; at least one.</param>
    /// <exception cref="ArgumentException">No layers, or one is null.</exception>
    public Residual(params Layer[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0) throw new ArgumentException("residual: a block needs at least one layer", nameof(layers));
        int missing = Array.IndexOf(layers, null);
        if (missing >= 0) throw new ArgumentException($"residual: layer {missing} is null", nameof(layers));
        _layers = [.. layers];
    }

    /// <summary>The layers of f, first to last.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <inheritdoc />
    public override int OutputSize => InputSize;

    /// <inheritdoc />
    public override IReadOnlyList<int> OutputShape => InputShape;

    /// <inheritdoc />
    public override Tensor Call(Tensor inputs) => Call(inputs, training: false);

    /// <summary>inputs + f(inputs), the layers run in training mode when <paramref name="training"/> is set.</summary>
    public override Tensor Call(Tensor inputs, bool training)
    {
        var x = inputs;
        foreach (var layer in _layers) x = layer.Call(x, training);
        return inputs + x;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The layers do not give back the input's shape (the sum would not be defined).</exception>
    protected override void CreateVariables(IReadOnlyList<int> inputShape, Random random, DType dtype)
    {
        IReadOnlyList<int> shape = inputShape;
        for (int i = 0; i < _layers.Length; i++)
        {
            BuildInner(_layers[i], i, shape, random, dtype);
            shape = _layers[i].OutputShape;
        }
        if (!shape.SequenceEqual(inputShape))
            throw new ArgumentException($"residual '{Name}': its layers turn {ShapeMath.Format([.. inputShape])} into {ShapeMath.Format([.. shape])}; they must give back the input's shape to be added to it");
    }
}
