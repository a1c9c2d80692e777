using System.Numerics;
using MiniNet.Kernels;
using MiniNet.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Optimizers;

/// <summary>
/// Gradient clipping, usable with any optimizer (through <see cref="Optimizer.ClipNorm"/> and <see cref="Optimizer.ClipValue"/>)
/// or on its own. Every method returns new tensors and leaves its inputs untouched, as TensorFlow's <c>tf.clip_by_*</c> do
/// (PyTorch's <c>clip_grad_norm_</c> works in place instead), so gradients a caller keeps for logging stay as computed.
/// Inside a <see cref="TensorScope"/> the copies are temporaries of that scope.
/// </summary>
public static class GradientClipping
{
    /// <summary>The global norm √(Σ g²) over every element of every gradient; null gradients count as absent.</summary>
    public static double GlobalNorm(IEnumerable<Tensor?> gradients)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        return GlobalNorm(gradients as IReadOnlyList<Tensor?> ?? [.. gradients]);
    }

    // (Indexed, as an optimizer's step calls it: an enumerator would be an allocation per step.)
    private static double GlobalNorm(IReadOnlyList<Tensor?> gradients)
    {
        double sumOfSquares = 0;
        for (int i = 0; i < gradients.Count; i++)
            if (gradients[i] is { } gradient)
                sumOfSquares += gradient.DType == DType.Float32 ? SumOfSquares<float>(gradient) : SumOfSquares<double>(gradient);
        return Math.Sqrt(sumOfSquares);
    }

    /// <summary>The factor <see cref="ClipByGlobalNorm"/> multiplies every gradient by: clipNorm / max(‖g‖, clipNorm).</summary>
    internal static double GlobalNormScale(IReadOnlyList<Tensor?> gradients, double clipNorm) =>
        clipNorm / Math.Max(GlobalNorm(gradients), clipNorm);

    /// <summary>
    /// Rescales the gradients together so their global norm is at most <paramref name="clipNorm"/>: each becomes
    /// g · clipNorm / max(‖g‖, clipNorm), which keeps the direction of the whole update (TensorFlow's <c>clip_by_global_norm</c>).
    /// Returns copies in the same order, null where the input was null.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipNorm"/> is not finite and &gt; 0.</exception>
    public static Tensor?[] ClipByGlobalNorm(IReadOnlyList<Tensor?> gradients, double clipNorm)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        if (!(double.IsFinite(clipNorm) && clipNorm > 0))
            throw new ArgumentOutOfRangeException(nameof(clipNorm), clipNorm, $"gradient clipping: clipNorm must be a finite number > 0, got {clipNorm}");
        double scale = GlobalNormScale(gradients, clipNorm);
        var clipped = new Tensor?[gradients.Count];
        for (int i = 0; i < clipped.Length; i++) clipped[i] = gradients[i] is { } gradient ? Scaled(gradient, scale) : null;
        return clipped;
    }

    /// <summary>A copy of <paramref name="gradient"/> with each element clamped to [-clipValue, clipValue].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is not finite and &gt; 0.</exception>
    public static Tensor ClipByValue(Tensor gradient, double clipValue)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        if (!(double.IsFinite(clipValue) && clipValue > 0))
            throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue, $"gradient clipping: clipValue must be a finite number > 0, got {clipValue}");
        return Clamped(gradient, clipValue);
    }

    private static double SumOfSquares<T>(Tensor gradient) where T : unmanaged, IFloatingPointIeee754<T> =>
        double.CreateChecked(TensorPrimitives.SumOfSquares<T>(gradient.AsSpan<T>()));

    /// <summary>A new tensor holding scale·g, in one pass split across threads (<see cref="ElementwiseKernels.Scale{T}"/>).</summary>
    private static Tensor Scaled(Tensor gradient, double scale)
    {
        var copy = Tensor.Temporary(gradient.ShapeArray, gradient.DType, zeroed: false);
        if (gradient.DType == DType.Float32) ElementwiseKernels.Scale(gradient.AsSpan<float>(), (float)scale, copy.AsSpan<float>());
        else ElementwiseKernels.Scale(gradient.AsSpan<double>(), scale, copy.AsSpan<double>());
        return copy;
    }

    /// <summary>A new tensor holding clamp(g, -clipValue, clipValue).</summary>
    private static Tensor Clamped(Tensor gradient, double clipValue)
    {
        var copy = Tensor.Temporary(gradient.ShapeArray, gradient.DType, zeroed: false);
        if (gradient.DType == DType.Float32) TensorPrimitives.Clamp(gradient.AsSpan<float>(), (float)-clipValue, (float)clipValue, copy.AsSpan<float>());
        else TensorPrimitives.Clamp(gradient.AsSpan<double>(), -clipValue, clipValue, copy.AsSpan<double>());
        return copy;
    }
}
