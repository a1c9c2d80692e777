using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// Cross-entropy of class-index labels given logits, per example, with the softmax inside (TensorFlow's
/// sparse_softmax_cross_entropy_with_logits, PyTorch's cross_entropy without the mean): y = log Σ exp(z) - z[label], computed
/// after subtracting the row's maximum so large logits do not overflow. dz += dy · (softmax(z) - onehot(label)). The labels
/// get no gradient (they are indices). Logits (..., classes) with labels (...) are rows all the same (a sequence model's
/// (batch, time, classes) against (batch, time)); a row labelled with the ignore index (the loss's, or the labels' padding) gives 0
/// and no gradient, as PyTorch's <c>ignore_index</c>. The row loops are <see cref="SoftmaxCrossEntropyKernels"/>.
/// </summary>
public sealed class SoftmaxCrossEntropyOp : Op
{
    private const string OpName = "softmax_cross_entropy";
    private readonly int _batch, _classes;
    private readonly int? _ignoreIndex;

    private SoftmaxCrossEntropyOp(Tensor logits, ClassLabels labels, int? ignoreIndex) : base(OpName, takesClassLabels: true, logits, labels) =>
        (_classes, _batch, _ignoreIndex) = (logits.Shape[^1], logits.Length / Math.Max(1, logits.Shape[^1]), ignoreIndex ?? labels.IgnoreIndex);

    /// <summary>The loss of each row of <paramref name="logits"/> (batch, classes) against <paramref name="labels"/>, class
    /// indices shaped (batch); the result is shaped (batch). Logits (..., classes) take labels (...) and give (...).</summary>
    /// <exception cref="ArgumentException">The logits have rank below 2, or the labels are not <see cref="ClassLabels"/> that
    /// fit them.</exception>
    public static Tensor Apply(Tensor logits, Tensor labels) => Apply(logits, labels, OpName);

    /// <summary>As <see cref="Apply(Tensor, Tensor)"/>, with errors naming <paramref name="caller"/> (the loss the user called).</summary>
    internal static Tensor Apply(Tensor logits, Tensor labels, string caller, int? ignoreIndex = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        if (logits.Rank < 2)
            throw new ArgumentException($"{caller}: logits must be (batch, classes), got {ShapeMath.Format(logits.ShapeArray)}");
        if (labels is not ClassLabels classLabels)
            throw new ArgumentException($"{caller}: labels must be class indices (ClassLabels, int32), got a {Tensor.DTypeName(labels.DType)} tensor {ShapeMath.Format(labels.ShapeArray)}");
        classLabels.RequireFits(logits.ShapeArray, caller);
        return new SoftmaxCrossEntropyOp(logits, classLabels, ignoreIndex).Run(logits.ShapeArray[..^1]);
    }

    /// <inheritdoc />
    protected override void Forward<T>() =>
        SoftmaxCrossEntropyKernels.Forward(Inputs[0].AsSpan<T>(), Inputs[1].AsSpan<int>(), Output.AsSpan<T>(), _batch, _classes, _ignoreIndex);

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        if (gradients.TryGetGradient<T>(Inputs[0], out var dz))
            SoftmaxCrossEntropyKernels.BackwardAdd(Inputs[0].AsSpan<T>(), Inputs[1].AsSpan<int>(), outputGradient, dz, _batch, _classes, _ignoreIndex);
    }
}
