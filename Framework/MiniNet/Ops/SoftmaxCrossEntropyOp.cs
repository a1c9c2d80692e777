using MiniNet.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Ops;

/// <summary>
/// Cross-entropy of class-index labels given logits, per example, with the softmax inside (TensorFlow's
/// sparse_softmax_cross_entropy_with_logits, PyTorch's cross_entropy without the mean): y = log Σ exp(z) - z[label], computed
/// after subtracting the row's maximum so large logits do not overflow. dz += dy · (softmax(z) - onehot(label)). The labels
/// get no gradient (they are indices). Logits (..., classes) with labels (...) are rows all the same (a sequence model's
/// (batch, time, classes) against (batch, time)); a row whose label is the ignore index gives 0 and no gradient, as
/// PyTorch's <c>ignore_index</c>.
/// </summary>
public sealed class SoftmaxCrossEntropyOp : Op
{
    private const string OpName = "softmax_cross_entropy";
    private readonly int _batch, _classes;
    private readonly int? _ignoreIndex;

    private SoftmaxCrossEntropyOp(Tensor logits, ClassLabels labels, int? ignoreIndex) : base(OpName, takesClassLabels: true, logits, labels) =>
        (_classes, _batch, _ignoreIndex) = (logits.Shape[^1], logits.Shape[^1] == 0 ? 0 : logits.Length / logits.Shape[^1], ignoreIndex);

    /// <summary>The loss of each row of <paramref name="logits"/> (batch, classes) against <paramref name="labels"/>, class
    /// indices shaped (batch); the result is shaped (batch). Logits (..., classes) take labels (...) and give (...).</summary>
    /// <param name="logits">(batch, classes), or (..., classes).</param>
    /// <param name="labels">Class indices shaped like the logits without their last axis.</param>
    /// <param name="ignoreIndex">A label value whose rows give 0 and no gradient (padding); none by default.</param>
    /// <exception cref="ArgumentException">The logits have rank below 2, or the labels are not <see cref="ClassLabels"/> that
    /// fit them, or they mark padding with another value than <paramref name="ignoreIndex"/>.</exception>
    public static Tensor Apply(Tensor logits, Tensor labels, int? ignoreIndex = null) => Apply(logits, labels, OpName, ignoreIndex);

    /// <summary>As <see cref="Apply(Tensor, Tensor, int?)"/>, with errors naming <paramref name="caller"/> (the loss the user called).</summary>
    internal static Tensor Apply(Tensor logits, Tensor labels, string caller, int? ignoreIndex = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        if (logits.Rank < 2)
            throw new ArgumentException($"{caller}: logits must be (batch, classes), got {ShapeMath.Format(logits.ShapeArray)}");
        if (labels is not ClassLabels classLabels)
            throw new ArgumentException($"{caller}: labels must be class indices (ClassLabels, int32), got a {Tensor.DTypeName(labels.DType)} tensor {ShapeMath.Format(labels.ShapeArray)}");
        if (classLabels.IgnoreIndex is { } marked && marked != ignoreIndex)
            throw new ArgumentException($"{caller}: the labels mark padding with {marked} but the loss ignores {(ignoreIndex is { } ignored ? ignored.ToString() : "no index")}; give the loss ignoreIndex: {marked}");
        classLabels.RequireFits(logits.ShapeArray, caller);
        return new SoftmaxCrossEntropyOp(logits, classLabels, ignoreIndex).Run(logits.ShapeArray[..^1]);
    }

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        var z = Inputs[0].AsSpan<T>();
        var labels = Inputs[1].AsSpan<int>();
        var y = Output.AsSpan<T>();
        if (_classes == 0) return;
        for (int row = 0; row < _batch; row++)
        {
            if (labels[row] == _ignoreIndex)
            {
                y[row] = T.Zero;
                continue;
            }
            var logits = z.Slice(row * _classes, _classes);
            T max = TensorPrimitives.Max(logits);
            T sum = T.Zero;
            foreach (var logit in logits) sum += T.Exp(logit - max);
            // (max - z[label]) first: both are large for large logits, their difference is exact or nearly.
            y[row] = max - logits[labels[row]] + T.Log(sum);
        }
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        if (_classes == 0 || !gradients.TryGetGradient<T>(Inputs[0], out var dz)) return;
        var z = Inputs[0].AsSpan<T>();
        var labels = Inputs[1].AsSpan<int>();
        for (int row = 0; row < _batch; row++)
        {
            if (labels[row] == _ignoreIndex) continue;
            var logits = z.Slice(row * _classes, _classes);
            var gradient = dz.Slice(row * _classes, _classes);
            T max = TensorPrimitives.Max(logits);
            T sum = T.Zero;
            foreach (var logit in logits) sum += T.Exp(logit - max);
            T scale = outputGradient[row] / sum;
            for (int j = 0; j < _classes; j++) gradient[j] += scale * T.Exp(logits[j] - max);
            gradient[labels[row]] -= outputGradient[row];
        }
    }
}
