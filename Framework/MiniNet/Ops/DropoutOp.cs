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
    private ulong _streamKey;
    private readonly ulong _keepThreshold;
    private readonly double _scale;
    private readonly Variable? _seed, _steps; // a layer's: each forward pass draws the mask of step _steps, then counts it

    private DropoutOp(Tensor x, double rate, long seed, long step) : base("dropout", x)
    {
        _streamKey = DropoutKernels.StreamKey(seed, step);
        _keepThreshold = DropoutKernels.KeepThreshold(1 - rate);
        _scale = 1 / (1 - rate);
    }

    private DropoutOp(Tensor x, double rate, Variable seed, Variable steps) : this(x, rate, 0, 0) => (_seed, _steps) = (seed, steps);

    /// <summary>As <see cref="Apply(Tensor, double, long, long)"/> at the step that <paramref name="steps"/> (a float64 scalar)
    /// holds when the forward pass runs, which then adds one to it: a layer's dropout, whose replay in a captured step
    /// draws the next mask as a new op would.</summary>
    internal static Tensor Apply(Tensor x, double rate, Variable seed, Variable steps) => new DropoutOp(x, rate, seed, steps).Run(x.ShapeArray);

    /// <inheritdoc />
    internal override bool Replayable => _steps != null;

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
    /// of <see cref="Apply(Tensor, double, long, long)"/>.</summary>
    internal static void RequireRate(double rate)
    {
        if (!(rate >= 0 && rate < 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, $"dropout: rate must be in [0, 1), got {rate}");
    }

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        if (_steps != null) _streamKey = DropoutKernels.StreamKey((long)_seed!.AsSpan<double>()[0], (long)_steps.AsSpan<double>()[0]++);
        DropoutKernels.MaskAndScale(Inputs[0].AsSpan<T>(), Output.AsSpan<T>(), _streamKey, _keepThreshold, T.CreateTruncating(_scale));
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        if (!gradients.WantsGradient(Inputs[0])) return;
        var dx = Tensor.Temporary(Inputs[0].ShapeArray, Inputs[0].DType, zeroed: false);
        DropoutKernels.MaskAndScale(outputGradient, dx.AsSpan<T>(), _streamKey, _keepThreshold, T.CreateTruncating(_scale));
        gradients.Add(Inputs[0], dx);
    }
}
