namespace MiniNet.Tensors;

/// <summary>
/// Class indices, one int32 per example, shaped (batch) (or (batch, 1), as Keras also takes): the labels of a classification
/// loss and its metrics, as PyTorch's integer targets. Every index is checked once, when the labels are made, to lie in [0, <see cref="ClassCount"/>); a loss
/// or metric then only checks that its logits have at least <see cref="ClassCount"/> classes. A <c>Dataset</c> of class
/// indices hands out its batches' targets as <see cref="ClassLabels"/>.
/// </summary>
public sealed class ClassLabels : Tensor
{
    /// <summary>Wraps <paramref name="indices"/> (not copied) as labels.</summary>
    /// <param name="indices">One class index per example.</param>
    /// <param name="classCount">The number of classes the indices range over; by default one more than the largest index.</param>
    /// <param name="asColumn">Shape the labels (batch, 1) instead of (batch).</param>
    /// <exception cref="ArgumentException">An index is negative or not below <paramref name="classCount"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is not positive.</exception>
    public ClassLabels(int[] indices, int? classCount = null, bool asColumn = false)
        : this(indices, classCount, "class labels", nameof(indices), asColumn) { }

    /// <summary>Wraps <paramref name="indices"/> (not copied) as labels of any <paramref name="shape"/>, such as (batch, time)
    /// targets for a sequence model's (batch, time, classes) logits; <paramref name="ignoreIndex"/>, when given, marks positions
    /// that are no target (padding), as PyTorch's <c>ignore_index</c>: a loss told to ignore the same value skips them.</summary>
    /// <param name="indices">One class index per position, row-major.</param>
    /// <param name="shape">The labels' shape; its element count is the number of indices.</param>
    /// <param name="classCount">The number of classes; by default one more than the largest index.</param>
    /// <param name="ignoreIndex">A value allowed besides the class indices (e.g. -100), meaning "no target here".</param>
    /// <exception cref="ArgumentException">An index is neither a class index nor the ignore index, or the shape does not hold
    /// the indices.</exception>
    public ClassLabels(int[] indices, int[] shape, int? classCount = null, int? ignoreIndex = null)
        : this(indices, classCount, "class labels", nameof(indices), shape: shape, ignoreIndex: ignoreIndex) { }

    /// <summary>As the public constructors, the one place where class indices are checked, in messages naming
    /// <paramref name="caller"/> (a dataset made from them) and <paramref name="parameter"/>.</summary>
    internal ClassLabels(int[] indices, int? classCount, string caller, string parameter, bool asColumn = false, int[]? shape = null, int? ignoreIndex = null)
        : base(indices, DType.Int32, shape ?? (asColumn ? [indices?.Length ?? 0, 1] : [indices?.Length ?? 0]))
    {
        if (classCount is <= 0)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"{caller}: classCount must be positive, got {classCount}");
        int wrong = Array.FindIndex(indices!, index => (index < 0 || index >= classCount) && index != ignoreIndex);
        if (wrong >= 0)
            throw new ArgumentException($"{caller}: label {indices![wrong]} at index {wrong} is not a class index " +
                (classCount is { } count ? $"in [0, {count})" : "(must be >= 0)") + (ignoreIndex is { } ignored ? $" nor the ignore index {ignored}" : ""), parameter);
        IgnoreIndex = ignoreIndex;
        ClassCount = classCount ?? (indices!.Length == 0 ? 0 : indices.Where(index => index != ignoreIndex).DefaultIfEmpty(-1).Max() + 1);
    }

    private ClassLabels(int classCount, int[] indices, int[] shape) : base(indices, DType.Int32, shape) => ClassCount = classCount;

    /// <summary>Labels made of indices already checked against <paramref name="classCount"/> (a subset of a dataset's).</summary>
    internal static ClassLabels Trusted(int[] indices, int classCount) => new(classCount, indices, [indices.Length]);

    /// <summary>Labels drawn from indices already checked against <paramref name="classCount"/> (a batch of a dataset's
    /// labels): a buffer of <paramref name="count"/> from the current <see cref="TensorScope"/>'s pool, for the caller to fill.</summary>
    internal static ClassLabels Temporary(int count, int classCount)
    {
        bool scoped = TensorScope.Current != null;
        var labels = new ClassLabels(classCount, scoped ? (int[])TensorPool.Rent(DType.Int32, count, zeroed: false) : new int[count], [count]);
        if (scoped) labels.OwnByCurrentScope();
        return labels;
    }

    /// <summary>The number of classes the labels range over: every index is in [0, ClassCount) (0 for no labels and no
    /// classCount given).</summary>
    public int ClassCount { get; }

    /// <summary>The value that marks a position with no target (padding), allowed besides the class indices; null if none is.</summary>
    public int? IgnoreIndex { get; }

    /// <summary>The class indices, one per example.</summary>
    public ReadOnlySpan<int> Indices => AsSpan<int>();

    /// <summary>A copy as <paramref name="dtype"/>: int32 gives new labels, float32 or float64 the indices as float values.</summary>
    public override Tensor To(DType dtype) => dtype == DType.Int32
        ? IgnoreIndex is null ? new ClassLabels(ClassCount, [.. Indices], [.. ShapeArray]) : new ClassLabels([.. Indices], [.. ShapeArray], ClassCount, IgnoreIndex)
        : base.To(dtype);

    /// <summary>Throws unless the labels fit (batch, classes) logits: one per row (for (..., classes) logits, labels shaped
    /// (...) or flat, one per row in order, as PyTorch's <c>targets.view(-1)</c>), and <see cref="ClassCount"/> no more than the logits' classes. <paramref name="caller"/> names the loss or metric in the message, which says what the labels
    /// must match as "logits (2,3)", or with <paramref name="asPredictions"/> as "2 predictions" (a metric's words).</summary>
    /// <exception cref="ArgumentException">They do not fit.</exception>
    internal void RequireFits(int[] logitsShape, string caller, bool asPredictions = false)
    {
        int batch = logitsShape[0], classes = logitsShape[^1];
        var rows = logitsShape.AsSpan(0, logitsShape.Length - 1);
        if (rows.Length > 1 && !ShapeArray.AsSpan().SequenceEqual(rows) && !(Rank == 1 && Length == ShapeMath.ElementCount(rows)))
            throw new ArgumentException($"{caller}: labels {ShapeMath.Format(ShapeArray)} do not fit logits {ShapeMath.Format(logitsShape)}; expected {ShapeMath.Format(rows)} class indices");
        if (rows.Length == 1 && Shape[0] != batch)
            throw new ArgumentException($"{caller}: labels {ShapeMath.Format(ShapeArray)} do not fit " +
                (asPredictions ? $"{batch} predictions" : $"logits {ShapeMath.Format(logitsShape)}") + $"; expected ({batch}) or ({batch},1) class indices");
        if (ClassCount > classes)
            throw new ArgumentException($"{caller}: labels range over {ClassCount} classes (indices up to {ClassCount - 1}) but logits {ShapeMath.Format(logitsShape)} have {classes}");
    }
}
