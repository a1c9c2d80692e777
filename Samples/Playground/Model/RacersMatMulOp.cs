using MiniNet.Kernels;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace Playground.Model;

/// <summary>
/// Each racer's own matrix product, for a race's networks stacked racer after racer (see <see cref="RaceNetwork"/>):
/// Y[r] (batch×n) = X[r] (batch×k) · W[r] (k×n) for every racer r, with W (racers, k, n) and X (racers, batch, k), or
/// X (batch, k) that every racer reads (the input features). dX[r] += dY[r] · W[r]ᵀ, dW[r] += X[r]ᵀ · dY[r]. A racer's
/// products are <see cref="MatMulOp"/>'s on its own rows, with the same kernel and the same shapes, so its numbers are
/// those of its network alone.
/// </summary>
public sealed class RacersMatMulOp : Op
{
    private readonly int _racers, _batch, _k, _n;
    private readonly bool _sharedInput;

    private RacersMatMulOp(Tensor inputs, Tensor kernels) : base("racers_matmul", inputs, kernels)
    {
        (_racers, _k, _n) = (kernels.Shape[0], kernels.Shape[1], kernels.Shape[2]);
        _sharedInput = inputs.Rank == 2;
        _batch = inputs.Shape[^2];
        if (inputs.Shape[^1] != _k || inputs.Rank is not (2 or 3) || inputs.Rank == 3 && inputs.Shape[0] != _racers)
            throw new ArgumentException($"racers_matmul: {ShapeMath.Format([.. inputs.Shape])} x {ShapeMath.Format([.. kernels.Shape])}: " +
                "the inputs must be (batch, k) or (racers, batch, k) for kernels (racers, k, n)");
    }

    /// <summary>Multiplies each racer's rows of <paramref name="inputs"/> by its kernel in <paramref name="kernels"/>:
    /// (racers, batch, n).</summary>
    public static Tensor Apply(Tensor inputs, Tensor kernels) =>
        new RacersMatMulOp(inputs, kernels).Run([kernels.Shape[0], inputs.Shape[^2], kernels.Shape[2]]);

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        var inputs = Inputs[0].AsSpan<T>();
        var kernels = Inputs[1].AsSpan<T>();
        var outputs = Output.AsSpan<T>();
        for (int racer = 0; racer < _racers; racer++)
            MatMulKernels.Multiply<T>(Rows(inputs, racer), Kernel(kernels, racer), outputs.Slice(racer * _batch * _n, _batch * _n), _batch, _k, _n);
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        var inputs = Inputs[0].AsSpan<T>();
        var kernels = Inputs[1].AsSpan<T>();
        bool inputsWanted = gradients.TryGetGradient<T>(Inputs[0], out var inputsGradient);
        bool kernelsWanted = gradients.TryGetGradient<T>(Inputs[1], out var kernelsGradient);
        for (int racer = 0; racer < _racers; racer++)
        {
            var outputRows = outputGradient.Slice(racer * _batch * _n, _batch * _n);
            if (inputsWanted)
                MatMulKernels.Multiply(outputRows, Kernel(kernels, racer), Rows(inputsGradient, racer), _batch, _n, _k, transposeB: true, accumulate: true);
            if (kernelsWanted)
                MatMulKernels.Multiply(Rows(inputs, racer), outputRows, Kernel(kernelsGradient, racer), _k, _batch, _n, transposeA: true, accumulate: true);
        }
    }

    // The racer's (batch, k) rows of the inputs, or all of them when every racer reads the same.
    private Span<T> Rows<T>(Span<T> inputs, int racer) => inputs.Slice(_sharedInput ? 0 : racer * _batch * _k, _batch * _k);

    private Span<T> Kernel<T>(Span<T> kernels, int racer) => kernels.Slice(racer * _k * _n, _k * _n);
}
