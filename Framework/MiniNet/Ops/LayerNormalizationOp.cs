using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// Layer normalisation over the last axis, y = γ·(x - mean)/√(var + ε) + β, with the mean and biased variance of each
/// row of x (..., width) and γ, β vectors of the width (PyTorch's <c>layer_norm</c>). Backward:
/// dx = (1/σ)·(g - mean(g) - x̂·mean(g·x̂)) with g = γ·dy; dγ += Σ dy·x̂, dβ += Σ dy over the rows.
/// </summary>
public sealed class LayerNormalizationOp : Op
{
    private readonly int _rows, _width;
    private readonly int[] _rowsShape; // (rows): the shape of the mean and the inverse deviation kept for the backward pass
    private readonly double _epsilon;
    private Tensor _mean = null!, _inverseDeviation = null!;

    private LayerNormalizationOp(Tensor x, Tensor gamma, Tensor beta, double epsilon) : base("layer_norm", x, gamma, beta)
    {
        if (x.Rank < 1 || gamma.Rank != 1 || beta.Rank != 1 || gamma.Shape[0] != x.Shape[^1] || beta.Shape[0] != x.Shape[^1])
            throw new ArgumentException($"layer_norm: x {ShapeMath.Format(x.ShapeArray)}, gamma {ShapeMath.Format(gamma.ShapeArray)}, beta {ShapeMath.Format(beta.ShapeArray)}: gamma and beta must be vectors as long as the last dimension of x");
        (_width, _epsilon) = (x.Shape[^1], epsilon);
        _rows = _width == 0 ? 0 : x.Length / _width;
        _rowsShape = [_rows];
    }

    /// <summary>Normalises each row of <paramref name="x"/> (..., width) and scales and shifts it by <paramref name="gamma"/>
    /// and <paramref name="beta"/> (width).</summary>
    /// <exception cref="ArgumentException">gamma or beta is not a vector of the last dimension's length.</exception>
    public static Tensor Apply(Tensor x, Tensor gamma, Tensor beta, double epsilon = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(beta);
        return new LayerNormalizationOp(x, gamma, beta, epsilon).Run(x.ShapeArray);
    }

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        _mean = Tensor.Temporary(_rowsShape, Output.DType, zeroed: false);
        _inverseDeviation = Tensor.Temporary(_rowsShape, Output.DType, zeroed: false);
        LayerNormalizationKernels.Forward(Inputs[0].AsSpan<T>(), Inputs[1].AsSpan<T>(), Inputs[2].AsSpan<T>(), Output.AsSpan<T>(),
            _mean.AsSpan<T>(), _inverseDeviation.AsSpan<T>(), _rows, _width, T.CreateChecked(_epsilon));
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        gradients.TryGetGradient<T>(Inputs[0], out var dx);
        gradients.TryGetGradient<T>(Inputs[1], out var dgamma);
        gradients.TryGetGradient<T>(Inputs[2], out var dbeta);
        LayerNormalizationKernels.BackwardAdd(Inputs[0].AsSpan<T>(), Inputs[1].AsSpan<T>(), _mean.AsSpan<T>(), _inverseDeviation.AsSpan<T>(),
            outputGradient, dx, dgamma, dbeta, _rows, _width);
    }
}
