using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// Normalises each example's last axis to zero mean and unit (biased) variance, then scales by a learned gamma and shifts by
/// a learned beta: one "layer_norm" op (<see cref="LayerNormalizationOp"/>), as PyTorch's <c>nn.LayerNorm(width)</c> and
/// Keras's <c>layers.LayerNormalization()</c>. Unlike batch normalisation it uses no batch statistics, so training and
/// inference compute the same thing; in a transformer it normalises every position of a (time, width) sequence alone.
/// gamma starts at ones, beta at zeros, both trainable.
/// </summary>
public sealed class LayerNormalization : Layer
{
    /// <summary>Describes the layer.</summary>
    /// <param name="epsilon">Added to the variance before the square root, positive; PyTorch's 1e-5.</param>
    /// <exception cref="ArgumentOutOfRangeException">epsilon is not positive.</exception>
    public LayerNormalization(double epsilon = 1e-5)
    {
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"layer normalization: epsilon must be positive, got {epsilon}");
        Epsilon = epsilon;
    }

    /// <summary>Added to the variance before the square root.</summary>
    public double Epsilon { get; }

    /// <summary>The scale, (width); trainable, starts at ones.</summary>
    public Variable Gamma { get; private set; } = null!;

    /// <summary>The shift, (width); trainable, starts at zeros.</summary>
    public Variable Beta { get; private set; } = null!;

    /// <inheritdoc />
    public override int OutputSize => InputSize;

    /// <inheritdoc />
    public override IReadOnlyList<int> OutputShape => InputShape;

    /// <inheritdoc />
    public override Tensor Call(Tensor inputs) => LayerNormalizationOp.Apply(inputs, Gamma, Beta, Epsilon);

    /// <inheritdoc />
    protected override void CreateVariables(IReadOnlyList<int> inputShape, Random random, DType dtype)
    {
        Gamma = AddVariable("gamma", Tensor.Ones([inputShape[^1]], dtype));
        Beta = AddVariable("beta", Tensor.Zeros([inputShape[^1]], dtype));
    }
}
