using MiniNet.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Ops;

/// <summary>
/// Cross-entropy of class-index labels given logits, per example, with the softmax inside (TensorFlow's
/// sparse_softmax_cross_entropy_with_logits, PyTorch's cross_entropy without the mean): y = log Σ exp(z) - z[label], computed
/// after subtracting the row's maximum so large logits do not overflow. dz += dy · (softmax(z) - onehot(label)). The labels
/// get no gradient (they are indices).
/// </summary>
public sealed class SoftmaxCrossEntropyOp : Op
{
    private const string OpName = "softmax_cross_entropy";
    private readonly int _batch, _classes;

    private SoftmaxCrossEntropyOp(Tensor logits, Tensor labels) : base(OpName, logits, labels) =>
        (_batch, _classes) = (logits.Shape[0], logits.Shape[1]);

    // Checked before the labels are converted to the logits' type: 1.000000001 in float64 is not a class index, even though
    // it rounds to 1 in float32.
    private static void Check(Tensor logits, Tensor labels, string caller)
    {
        if (logits.Rank != 2)
            throw new ArgumentException($"{caller}: logits must be (batch, classes), got {ShapeMath.Format(logits.ShapeArray)}");
        int batch = logits.Shape[0], classes = logits.Shape[1];
        bool shapeFits = labels.Rank == 1 && labels.Shape[0] == batch || labels.Rank == 2 && labels.Shape[0] == batch && labels.Shape[1] == 1;
        if (!shapeFits)
            throw new ArgumentException($"{caller}: labels {ShapeMath.Format(labels.ShapeArray)} do not fit logits {ShapeMath.Format(logits.ShapeArray)}; expected ({batch}) or ({batch},1) class indices");
        for (int row = 0; row < batch; row++)
        {
            double label = labels.GetFlat(row);
            if (label != Math.Floor(label) || label < 0 || label >= classes)
                throw new ArgumentException($"{caller}: label {label} at row {row} is not a class index in [0, {classes})");
        }
    }

    /// <summary>The loss of each row of <paramref name="logits"/> (batch, classes) against <paramref name="labels"/>, class
    /// indices shaped (batch) or (batch, 1); the result is shaped (batch).</summary>
    public static Tensor Apply(Tensor logits, Tensor labels) => Apply(logits, labels, OpName);

    /// <summary>As <see cref="Apply(Tensor, Tensor)"/>, with errors naming <paramref name="caller"/> (the loss the user called).</summary>
    internal static Tensor Apply(Tensor logits, Tensor labels, string caller)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        Check(logits, labels, caller);
        // Class indices are exact in either float type; read them in the logits' type.
        if (labels.DType != logits.DType) labels = labels.To(logits.DType);
        return new SoftmaxCrossEntropyOp(logits, labels).Run([logits.Shape[0]]);
    }

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        var z = Inputs[0].AsSpan<T>();
        var labels = Inputs[1].AsSpan<T>();
        var y = Output.AsSpan<T>();
        if (_classes == 0) return;
        for (int row = 0; row < _batch; row++)
        {
            var logits = z.Slice(row * _classes, _classes);
            T max = TensorPrimitives.Max(logits);
            T sum = T.Zero;
            foreach (var logit in logits) sum += T.Exp(logit - max);
            // (max - z[label]) first: both are large for large logits, their difference is exact or nearly.
            y[row] = max - logits[int.CreateTruncating(labels[row])] + T.Log(sum);
        }
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        if (_classes == 0 || !gradients.TryGetGradient<T>(Inputs[0], out var dz)) return;
        var z = Inputs[0].AsSpan<T>();
        var labels = Inputs[1].AsSpan<T>();
        for (int row = 0; row < _batch; row++)
        {
            var logits = z.Slice(row * _classes, _classes);
            var gradient = dz.Slice(row * _classes, _classes);
            T max = TensorPrimitives.Max(logits);
            T sum = T.Zero;
            foreach (var logit in logits) sum += T.Exp(logit - max);
            T scale = outputGradient[row] / sum;
            for (int j = 0; j < _classes; j++) gradient[j] += scale * T.Exp(logits[j] - max);
            gradient[int.CreateTruncating(labels[row])] -= outputGradient[row];
        }
    }
}
