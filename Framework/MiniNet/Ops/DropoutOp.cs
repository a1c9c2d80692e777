using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// Inverted dropout: y = x·mask / (1 − rate), each element kept (mask 1) with probability 1 − rate, so E[y] = x and inference
/// needs no rescaling (as Keras and PyTorch). Backward: dx += dy·mask / (1 − rate), the same mask redrawn from
/// (seed, step) by <see cref="DropoutKernels"/>, so nothing is stored between the passes.
/// </summary>
public sealed class DropoutOp : Op
{
    private readonly ulong _streamKey;
    private readonly ulong _keepThreshold;
    private readonly double _scale;

    private DropoutOp(Tensor x, double rate, long seed, long step) : base("dropout", x)
    {
        _streamKey = DropoutKernels.StreamKey(seed, step);
        _keepThreshold = DropoutKernels.KeepThreshold(1 - rate);
        _scale = 1 / (1 - rate);
    }

    /// <summary>Drops each element of <paramref name="x"/> with probability <paramref name="rate"/> and scales the rest by
    /// 1 / (1 − rate); the mask is a function of (<paramref name="seed"/>, <paramref name="step"/>, element index) alone.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not in [0, 1).</exception>
    public static Tensor Apply(Tensor x, double rate, long seed, long step)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireRate(rate);
        return new DropoutOp(x, rate, seed, step).Run(x.ShapeArray);
    }

    /// <summary>Throws unless <paramref name="rate"/> is in [0, 1): the check of the <see cref="Layers.Dropout"/> layer and
    /// of <see cref="Apply"/>.</summary>
    internal static void RequireRate(double rate)
    {
        if (!(rate >= 0 && rate < 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, $"dropout: rate must be in [0, 1), got {rate}");
    }

    /// <inheritdoc />
    protected override void Forward<T>() =>
        DropoutKernels.MaskAndScale(Inputs[0].AsSpan<T>(), Output.AsSpan<T>(), _streamKey, _keepThreshold, T.CreateTruncating(_scale));

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        if (!gradients.WantsGradient(Inputs[0])) return;
        var dx = Tensor.Temporary(Inputs[0].ShapeArray, Inputs[0].DType, zeroed: false);
        DropoutKernels.MaskAndScale(outputGradient, dx.AsSpan<T>(), _streamKey, _keepThreshold, T.CreateTruncating(_scale));
        gradients.Add(Inputs[0], dx);
    }
}
