using System.Numerics;
using MiniNet.Kernels;
using MiniNet.Ops;
using MiniNet.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Playground.Model;

/// <summary>
/// One dense layer of every racer at once, for a race's networks stacked racer after racer (see <see cref="RaceNetwork"/>):
/// Y[r] (batch×n) = f(X[r]·W[r] + b[r]) for every racer r, with each racer's own kernel W[r] (k, n) and bias b[r] (n) as
/// inputs, and X (racers, batch, k), or X (batch, k) that every racer reads (the input features). Backward, per racer:
/// dz = dY[r] · f′, read off Y[r]; db[r] += dz summed over the rows in order; dW[r] += X[r]ᵀ·dz; dX[r] += dz·W[r]ᵀ.
/// <para>Each racer's part is computed as its network alone computes it (<see cref="MatMulOp"/>, then
/// <see cref="BiasActivationOp"/>, or <see cref="AddOp"/> for a linear layer): the same matrix and activation kernels on the
/// same shapes, and the same additions for the bias and its gradient, so its numbers are those of its network alone; and the gradients land in each racer's own variables, which its own optimizer steps.
/// One op for what a lone layer does in two is what lets a race's step cost little more than one run's.</para>
/// </summary>
public sealed class RacersDenseOp : Op
{
    private readonly int _racers, _batch, _k, _n;
    private readonly bool _sharedInput;
    private readonly FusibleActivation? _activation;

    private RacersDenseOp(Tensor inputs, Tensor[] weights, FusibleActivation? activation)
        : base(activation is { } fused ? "racers_dense_" + fused.ToString().ToLowerInvariant() : "racers_dense", [inputs, .. weights])
    {
        _activation = activation;
        _racers = weights.Length / 2;
        _sharedInput = inputs.Rank == 2;
        _batch = inputs.Shape[^2];
        (_k, _n) = weights.Length > 0 && weights[0].Rank == 2 ? (weights[0].Shape[0], weights[0].Shape[1]) : (-1, -1);
        bool kernelsAgree = Enumerable.Range(0, _racers).All(racer =>
            weights[2 * racer].Rank == 2 && weights[2 * racer].Shape[0] == _k && weights[2 * racer].Shape[1] == _n &&
            weights[2 * racer + 1].Rank == 1 && weights[2 * racer + 1].Shape[0] == _n);
        if (weights.Length < 2 || weights.Length % 2 != 0 || !kernelsAgree || inputs.Rank is not (2 or 3) || inputs.Shape[^1] != _k ||
            inputs.Rank == 3 && inputs.Shape[0] != _racers)
            throw new ArgumentException($"{Name}: {ShapeMath.Format([.. inputs.Shape])} with {string.Join(", ", weights.Select(w => ShapeMath.Format([.. w.Shape])))}: " +
                "the inputs must be (batch, k) or (racers, batch, k) for a kernel (k, n) and a bias (n) per racer");
    }

    /// <summary>Each racer's layer on its rows of <paramref name="inputs"/>: (racers, batch, n).</summary>
    /// <param name="inputs">(batch, k), read by every racer, or (racers, batch, k).</param>
    /// <param name="weights">Each racer's kernel (k, n) and bias (n), racer after racer.</param>
    /// <param name="activation">The layer's activation, or null for a linear layer.</param>
    public static Tensor Apply(Tensor inputs, IReadOnlyList<Tensor> weights, FusibleActivation? activation)
    {
        var op = new RacersDenseOp(inputs, [.. weights], activation);
        return op.Run([op._racers, op._batch, op._n]);
    }

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        var inputs = Inputs[0].AsSpan<T>();
        var outputs = Output.AsSpan<T>();
        var z = Scratch<T>.Get(_batch * _n);
        for (int racer = 0; racer < _racers; racer++)
        {
            var y = outputs.Slice(racer * _batch * _n, _batch * _n);
            MatMulKernels.Multiply<T>(Rows(inputs, racer), Inputs[1 + 2 * racer].AsSpan<T>(), y, _batch, _k, _n);
            ReadOnlySpan<T> bias = Inputs[2 + 2 * racer].AsSpan<T>();
            if (_activation is not { } activation)
            {
                AddBias(y, bias, y);
                continue;
            }
            AddBias(y, bias, z);
            switch (activation)
            {
                case FusibleActivation.Relu: ActivationKernels.Relu<T>(z, y); break;
                case FusibleActivation.Sigmoid: ActivationKernels.Sigmoid<T>(z, y); break;
                default: ActivationKernels.Tanh<T>(z, y); break;
            }
        }
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        var inputs = Inputs[0].AsSpan<T>();
        var outputs = Output.AsSpan<T>();
        bool inputsWanted = gradients.TryGetGradient<T>(Inputs[0], out var inputsGradient);
        var dz = Scratch<T>.Get(_batch * _n);
        for (int racer = 0; racer < _racers; racer++)
        {
            var dy = outputGradient.Slice(racer * _batch * _n, _batch * _n);
            ReadOnlySpan<T> y = outputs.Slice(racer * _batch * _n, _batch * _n);
            dz.Clear();
            switch (_activation)
            {
                case FusibleActivation.Relu: ActivationKernels.ReluAddGradient(y, dy, dz); break;
                case FusibleActivation.Sigmoid: ActivationKernels.SigmoidAddGradient(y, dy, dz); break;
                case FusibleActivation.Tanh: ActivationKernels.TanhAddGradient(y, dy, dz); break;
                default: TensorPrimitives.Add(dz, dy, dz); break;
            }
            var kernel = Inputs[1 + 2 * racer];
            if (gradients.TryGetGradient<T>(Inputs[2 + 2 * racer], out var biasGradient))
                for (int row = 0; row < _batch; row++)
                for (int unit = 0; unit < _n; unit++)
                    biasGradient[unit] += dz[row * _n + unit];
            if (inputsWanted)
                MatMulKernels.Multiply<T>(dz, kernel.AsSpan<T>(), Rows(inputsGradient, racer), _batch, _n, _k, transposeB: true, accumulate: true);
            gradients.AddMatMul<T>(kernel, Rows(inputs, racer), dz, _k, _batch, _n, transposeA: true);
        }
    }

    // sums[row, unit] = affine[row, unit] + bias[unit]: the bias added to every row, element by element (in place when the
    // spans are the same). A plain loop: a race's rows are a few units wide, where a row-by-row kernel costs more per row than
    // the row's additions, above all in the browser's interpreter.
    private void AddBias<T>(ReadOnlySpan<T> affine, ReadOnlySpan<T> bias, Span<T> sums) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int row = 0; row < _batch; row++)
        for (int unit = 0; unit < _n; unit++)
            sums[row * _n + unit] = affine[row * _n + unit] + bias[unit];
    }

    // The racer's (batch, k) rows of the inputs, or all of them when every racer reads the same.
    private Span<T> Rows<T>(Span<T> inputs, int racer) => inputs.Slice(_sharedInput ? 0 : racer * _batch * _k, _batch * _k);

    // A buffer for one racer's z or dz, reused from call to call on each thread.
    private static class Scratch<T>
    {
        [ThreadStatic] private static T[]? _buffer;

        public static Span<T> Get(int length) =>
            (_buffer is { } buffer && buffer.Length >= length ? buffer : _buffer = new T[length]).AsSpan(0, length);
    }
}
