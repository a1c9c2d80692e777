using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// Normalises each channel (the last axis) to zero mean and unit variance, then scales by a learned gamma and shifts by a
/// learned beta, as Keras's <c>layers.BatchNormalization</c> (one "batch_norm" op, <see cref="BatchNormalizationOp"/>).
/// While training it uses the batch's mean and biased variance over every other axis and moves the moving statistics
/// toward them: moving = moving·momentum + batch·(1 − momentum). At inference it uses the moving statistics. gamma (ones)
/// and beta (zeros) are trainable; moving_mean (zeros) and moving_variance (ones) are not, and are saved in checkpoints.
/// </summary>
public sealed class BatchNormalization : Layer
{
    /// <summary>Describes the layer.</summary>
    /// <param name="momentum">How much of the moving statistics each training step keeps, in [0, 1]; Keras's 0.99.</param>
    /// <param name="epsilon">Added to the variance before the square root, positive; Keras's 1e-3.</param>
    /// <exception cref="ArgumentOutOfRangeException">momentum is outside [0, 1] or epsilon is not positive.</exception>
    public BatchNormalization(double momentum = 0.99, double epsilon = 1e-3)
    {
        BatchNormalizationOp.RequireSettings("batch normalization", momentum, epsilon);
        Momentum = momentum;
        Epsilon = epsilon;
    }

    /// <summary>How much of the moving statistics each training step keeps.</summary>
    public double Momentum { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public double Epsilon { get; }

    /// <summary>The per-channel scale, (channels); trainable, starts at ones.</summary>
    public Variable Gamma { get; private set; } = null!;

    /// <summary>The per-channel shift, (channels); trainable, starts at zeros.</summary>
    public Variable Beta { get; private set; } = null!;

    /// <summary>The per-channel moving mean used at inference, (channels); non-trainable, starts at zeros.</summary>
    public Variable MovingMean { get; private set; } = null!;

    /// <summary>The per-channel moving (biased) variance used at inference, (channels); non-trainable, starts at ones.</summary>
    public Variable MovingVariance { get; private set; } = null!;

    /// <inheritdoc />
    public override int OutputSize => InputSize;

    /// <inheritdoc />
    public override IReadOnlyList<int> OutputShape => InputShape;

    /// <summary>Inference: normalises with the moving statistics.</summary>
    public override Tensor Call(Tensor inputs) =>
        BatchNormalizationOp.Inference(inputs, Gamma, Beta, MovingMean, MovingVariance, Epsilon);

    /// <summary>In training mode, normalises with the batch's statistics and updates the moving ones; otherwise as
    /// <see cref="Call(Tensor)"/>.</summary>
    public override Tensor Call(Tensor inputs, bool training) => training
        ? BatchNormalizationOp.Training(inputs, Gamma, Beta, MovingMean, MovingVariance, Momentum, Epsilon)
        : Call(inputs);

    /// <inheritdoc />
    protected override void CreateVariables(IReadOnlyList<int> inputShape, Random random, DType dtype)
    {
        int channels = inputShape[^1];
        Gamma = AddVariable("gamma", Tensor.Ones([channels], dtype));
        Beta = AddVariable("beta", Tensor.Zeros([channels], dtype));
        MovingMean = AddVariable("moving_mean", Tensor.Zeros([channels], dtype), trainable: false);
        MovingVariance = AddVariable("moving_variance", Tensor.Ones([channels], dtype), trainable: false);
    }
}
