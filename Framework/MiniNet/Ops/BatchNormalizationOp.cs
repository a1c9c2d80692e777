using MiniNet.Kernels;
using MiniNet.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Ops;

/// <summary>
/// Batch normalisation over the last (channel) axis, as one op: y = γ·x̂ + β with x̂ = (x − μ) / √(σ² + ε), μ and σ² per
/// channel (Ioffe and Szegedy, 2015). Every other axis is a row of M = x.Length / channels rows.
/// <para>In training (<see cref="Training"/>) μ and σ² are the batch's mean and biased variance, so they depend on x, and
/// the backward pass goes through them: with s = 1/√(σ² + ε), dβ += Σ dy, dγ += Σ dy·x̂, and
/// dx += γ·s·(dy − Σdy/M − x̂·Σ(dy·x̂)/M). The op also moves the moving statistics toward the batch's, in place, outside
/// any tape.</para>
/// <para>In inference (<see cref="Inference"/>) μ and σ² are inputs (the moving statistics): dx += γ·s·dy, dγ += Σ dy·x̂,
/// dβ += Σ dy, dμ += −γ·s·Σdy, dσ² += −½·γ·s³·Σ dy·(x − μ).</para>
/// </summary>
public sealed class BatchNormalizationOp : Op
{
    private readonly bool _training;
    private readonly double _epsilon;
    private readonly Variable? _movingMean, _movingVariance;
    private readonly double _momentum;
    private readonly int _channels;
    private Tensor _mean = null!, _inverseStd = null!;

    private BatchNormalizationOp(Tensor[] inputs, bool training, double epsilon, Variable? movingMean, Variable? movingVariance, double momentum)
        : base("batch_norm", inputs)
    {
        var x = inputs[0];
        if (x.Rank < 1) throw new ArgumentException($"batch_norm: x {ShapeMath.Format(x.ShapeArray)} must have a channel axis");
        _channels = x.Shape[^1];
        string ChannelsOf() => $"a vector of x's {_channels} channels";
        string[] names = training ? ["gamma", "beta"] : ["gamma", "beta", "mean", "variance"];
        for (int i = 1; i < inputs.Length; i++)
            if (inputs[i].Rank != 1 || inputs[i].Shape[0] != _channels)
                throw new ArgumentException($"batch_norm: x {ShapeMath.Format(x.ShapeArray)}: {names[i - 1]} {ShapeMath.Format(inputs[i].ShapeArray)} must be {ChannelsOf()}");
        foreach (var (moving, name) in new[] { (movingMean, "moving mean"), (movingVariance, "moving variance") })
            if (moving != null && (moving.Rank != 1 || moving.Shape[0] != _channels || moving.DType != x.DType))
                throw new ArgumentException($"batch_norm: x {ShapeMath.Format(x.ShapeArray)} {Tensor.DTypeName(x.DType)}: the {name} {ShapeMath.Format(moving.ShapeArray)} {Tensor.DTypeName(moving.DType)} must be {ChannelsOf()}, of x's dtype");
        RequireSettings("batch_norm", training ? momentum : 0, epsilon);
        (_training, _epsilon, _movingMean, _movingVariance, _momentum) = (training, epsilon, movingMean, movingVariance, momentum);
    }

    /// <summary>Normalises <paramref name="x"/> (..., channels) with its own per-channel mean and variance, then scales by
    /// <paramref name="gamma"/> and shifts by <paramref name="beta"/>; and moves <paramref name="movingMean"/> and
    /// <paramref name="movingVariance"/> toward the batch's: moving = moving·momentum + batch·(1 − momentum). That update is
    /// a side effect of running the op, not an op a tape records.</summary>
    /// <exception cref="ArgumentException">A vector's length is not x's channel count, or a dtype differs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">momentum is outside [0, 1] or epsilon is not positive.</exception>
    public static Tensor Training(Tensor x, Tensor gamma, Tensor beta, Variable movingMean, Variable movingVariance, double momentum, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(movingMean);
        ArgumentNullException.ThrowIfNull(movingVariance);
        return new BatchNormalizationOp([x, gamma, beta], training: true, epsilon, movingMean, movingVariance, momentum).Run(x.ShapeArray);
    }

    /// <summary>Normalises <paramref name="x"/> (..., channels) with the given per-channel <paramref name="mean"/> and
    /// <paramref name="variance"/> (the moving statistics), then scales by <paramref name="gamma"/> and shifts by
    /// <paramref name="beta"/>.</summary>
    /// <exception cref="ArgumentException">A vector's length is not x's channel count, or a dtype differs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">epsilon is not positive.</exception>
    public static Tensor Inference(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, double epsilon) =>
        new BatchNormalizationOp([x, gamma, beta, mean, variance], training: false, epsilon, null, null, 0).Run(x.ShapeArray);

    /// <summary>Throws unless <paramref name="momentum"/> is in [0, 1] and <paramref name="epsilon"/> is positive: the check of
    /// the <see cref="Layers.BatchNormalization"/> layer and of this op's public functions, in messages naming
    /// <paramref name="caller"/>.</summary>
    internal static void RequireSettings(string caller, double momentum, double epsilon)
    {
        if (!(momentum >= 0 && momentum <= 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"{caller}: momentum must be in [0, 1], got {momentum}");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"{caller}: epsilon must be positive, got {epsilon}");
    }

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        var x = Inputs[0].AsSpan<T>();
        _mean = Vector();
        var variance = Vector();
        if (_training) BatchNormalizationKernels.Moments<T>(x, _mean.AsSpan<T>(), variance.AsSpan<T>());
        else
        {
            Inputs[3].AsSpan<T>().CopyTo(_mean.AsSpan<T>());
            Inputs[4].AsSpan<T>().CopyTo(variance.AsSpan<T>());
        }
        // s = 1 / √(σ² + ε); y = x·(γ·s) + (β − μ·γ·s).
        _inverseStd = Vector();
        var inverseStd = _inverseStd.AsSpan<T>();
        TensorPrimitives.Add(variance.AsSpan<T>(), T.CreateTruncating(_epsilon), inverseStd);
        TensorPrimitives.ReciprocalSqrt(inverseStd, inverseStd);
        var scale = Vector().AsSpan<T>();
        var shift = Vector().AsSpan<T>();
        TensorPrimitives.Multiply(Inputs[1].AsSpan<T>(), inverseStd, scale);
        TensorPrimitives.Multiply(_mean.AsSpan<T>(), scale, shift);
        TensorPrimitives.Subtract(Inputs[2].AsSpan<T>(), shift, shift);
        BatchNormalizationKernels.ScaleShift<T>(x, scale, shift, Output.AsSpan<T>());
        if (_training)
        {
            T momentum = T.CreateTruncating(_momentum);
            BatchNormalizationKernels.UpdateMovingAverage(_movingMean!.AsSpan<T>(), _mean.AsSpan<T>(), momentum);
            BatchNormalizationKernels.UpdateMovingAverage(_movingVariance!.AsSpan<T>(), variance.AsSpan<T>(), momentum);
        }
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        ReadOnlySpan<T> x = Inputs[0].AsSpan<T>(), gamma = Inputs[1].AsSpan<T>(), mean = _mean.AsSpan<T>(), s = _inverseStd.AsSpan<T>();
        var sumDy = Vector().AsSpan<T>();
        var sumDyCentered = Vector().AsSpan<T>();
        BatchNormalizationKernels.GradientSums(x, mean, outputGradient, sumDy, sumDyCentered);
        var gammaS = Vector().AsSpan<T>();
        TensorPrimitives.Multiply(gamma, s, gammaS);
        // Σ dy·x̂ = s·Σ dy·(x − μ); γ·s³·Σ dy·(x − μ) appears in both dx (training) and dσ² (inference).
        var gammaS3SumCentered = Vector().AsSpan<T>();
        TensorPrimitives.Multiply(gammaS, s, gammaS3SumCentered);
        TensorPrimitives.Multiply(gammaS3SumCentered, s, gammaS3SumCentered);
        TensorPrimitives.Multiply(gammaS3SumCentered, sumDyCentered, gammaS3SumCentered);

        if (gradients.WantsGradient(Inputs[0]))
        {
            var centeredScale = Vector().AsSpan<T>();
            var offset = Vector().AsSpan<T>();
            if (_training)
            {
                // dx = γs·dy − (γs³·Σdy(x−μ)/M)·(x − μ) − γs·Σdy/M
                T rows = T.CreateTruncating(x.Length / _channels);
                TensorPrimitives.Divide(gammaS3SumCentered, -rows, centeredScale);
                TensorPrimitives.Multiply(gammaS, sumDy, offset);
                TensorPrimitives.Divide(offset, -rows, offset);
            }
            else
            {
                centeredScale.Clear();
                offset.Clear();
            }
            var dx = Tensor.Temporary(Inputs[0].ShapeArray, Inputs[0].DType, zeroed: false);
            BatchNormalizationKernels.InputGradient(x, mean, outputGradient, gammaS, centeredScale, offset, dx.AsSpan<T>());
            gradients.Add(Inputs[0], dx);
        }
        if (gradients.TryGetGradient<T>(Inputs[1], out var dGamma))
            TensorPrimitives.MultiplyAdd(sumDyCentered, s, dGamma, dGamma);
        if (gradients.TryGetGradient<T>(Inputs[2], out var dBeta))
            TensorPrimitives.Add(dBeta, sumDy, dBeta);
        if (_training) return;
        if (gradients.TryGetGradient<T>(Inputs[3], out var dMean))
        {
            TensorPrimitives.Multiply(gammaS, sumDy, gammaS);
            TensorPrimitives.Subtract(dMean, gammaS, dMean);
        }
        if (gradients.TryGetGradient<T>(Inputs[4], out var dVariance))
            TensorPrimitives.MultiplyAdd(gammaS3SumCentered, T.CreateTruncating(-0.5), dVariance, dVariance);
    }

    private Tensor Vector() => Tensor.Temporary([_channels], Inputs[0].DType, zeroed: false);
}
