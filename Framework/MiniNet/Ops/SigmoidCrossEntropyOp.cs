using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// Element-wise binary cross-entropy of labels z given logits x, in the overflow-free form
/// max(x, 0) - x·z + log(1 + e^-|x|) (TensorFlow's sigmoid_cross_entropy_with_logits). dx += dy·(σ(x) - z); dz += -dy·x.
/// </summary>
public sealed class SigmoidCrossEntropyOp : Op
{
    private SigmoidCrossEntropyOp(Tensor logits, Tensor labels) : base("sigmoid_cross_entropy", logits, labels)
    {
        if (!logits.ShapeArray.AsSpan().SequenceEqual(labels.ShapeArray))
            throw new ArgumentException($"sigmoid_cross_entropy: logits {ShapeMath.Format(logits.ShapeArray)} and labels {ShapeMath.Format(labels.ShapeArray)} differ");
    }

    /// <summary>The per-element loss of <paramref name="labels"/> (in [0, 1]) given <paramref name="logits"/>; same shape as both.</summary>
    public static Tensor Apply(Tensor logits, Tensor labels) => new SigmoidCrossEntropyOp(logits, labels).Run(logits.ShapeArray);

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        var x = Inputs[0].AsSpan<T>();
        var z = Inputs[1].AsSpan<T>();
        var y = Output.AsSpan<T>();
        for (int i = 0; i < y.Length; i++)
            y[i] = T.Max(x[i], T.Zero) - x[i] * z[i] + T.LogP1(T.Exp(-T.Abs(x[i])));
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        var x = Inputs[0].AsSpan<T>();
        var z = Inputs[1].AsSpan<T>();
        if (gradients.TryGetGradient<T>(Inputs[0], out var dx))
            for (int i = 0; i < dx.Length; i++) dx[i] += outputGradient[i] * (T.One / (T.One + T.Exp(-x[i])) - z[i]);
        if (gradients.TryGetGradient<T>(Inputs[1], out var dz))
            for (int i = 0; i < dz.Length; i++) dz[i] -= outputGradient[i] * x[i];
    }
}
