using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// Numerically stable softmax and log-softmax along one axis of an array viewed as (outer, length, inner), with their backward
/// passes. Each subtracts the maximum before exponentiating, so large logits do not overflow.
/// </summary>
public static class SoftmaxKernels
{
    /// <summary>y = exp(x - max) / Σ exp(x - max) along the axis.</summary>
    public static void Softmax<T>(ReadOnlySpan<T> x, Span<T> y, int outer, int length, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ForEachLine(x, y, outer, length, inner, static (line, result) =>
        {
            T max = TensorPrimitives.Max(line);
            TensorPrimitives.Subtract(line, max, result);
            TensorPrimitives.Exp(result, result);
            TensorPrimitives.Divide(result, TensorPrimitives.Sum<T>(result), result);
        });
    }

    /// <summary>y = x - max - log Σ exp(x - max) along the axis.</summary>
    public static void LogSoftmax<T>(ReadOnlySpan<T> x, Span<T> y, int outer, int length, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ForEachLine(x, y, outer, length, inner, static (line, result) =>
        {
            T max = TensorPrimitives.Max(line);
            TensorPrimitives.Subtract(line, max, result);
            TensorPrimitives.Exp(result, result);
            T logSum = T.Log(TensorPrimitives.Sum<T>(result)) + max;
            TensorPrimitives.Subtract(line, logSum, result);
        });
    }

    /// <summary>dx += y ⊙ (dy - Σ dy ⊙ y) along the axis, where y is the softmax output.</summary>
    public static void SoftmaxBackwardAdd<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int outer, int length, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ForEachLine(y, dy, dx, outer, length, inner, static (output, gradient, result) =>
        {
            T dot = TensorPrimitives.Dot(output, gradient);
            for (int j = 0; j < result.Length; j++) result[j] += output[j] * (gradient[j] - dot);
        });
    }

    /// <summary>dx += dy - exp(y) Σ dy along the axis, where y is the log-softmax output.</summary>
    public static void LogSoftmaxBackwardAdd<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int outer, int length, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ForEachLine(y, dy, dx, outer, length, inner, static (output, gradient, result) =>
        {
            T sum = TensorPrimitives.Sum(gradient);
            for (int j = 0; j < result.Length; j++) result[j] += gradient[j] - T.Exp(output[j]) * sum;
        });
    }

    private delegate void LineKernel<T>(ReadOnlySpan<T> line, Span<T> result);

    private delegate void LineKernel2<T>(ReadOnlySpan<T> first, ReadOnlySpan<T> second, Span<T> result);

    // Lines along the axis are contiguous when inner == 1; otherwise they are gathered into scratch buffers and scattered back.
    private static void ForEachLine<T>(ReadOnlySpan<T> x, Span<T> y, int outer, int length, int inner, LineKernel<T> kernel)
        where T : unmanaged
    {
        if (length == 0) return; // an empty axis: no elements, nothing to normalise (TensorPrimitives rejects empty spans)
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++) kernel(x.Slice(o * length, length), y.Slice(o * length, length));
            return;
        }
        var line = new T[length];
        var result = new T[length];
        for (int o = 0; o < outer; o++)
        for (int i = 0; i < inner; i++)
        {
            for (int j = 0; j < length; j++) line[j] = x[(o * length + j) * inner + i];
            kernel(line, result);
            for (int j = 0; j < length; j++) y[(o * length + j) * inner + i] = result[j];
        }
    }

    private static void ForEachLine<T>(ReadOnlySpan<T> first, ReadOnlySpan<T> second, Span<T> dx, int outer, int length, int inner, LineKernel2<T> kernel)
        where T : unmanaged
    {
        if (length == 0) return;
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
                kernel(first.Slice(o * length, length), second.Slice(o * length, length), dx.Slice(o * length, length));
            return;
        }
        var a = new T[length];
        var b = new T[length];
        var result = new T[length];
        for (int o = 0; o < outer; o++)
        for (int i = 0; i < inner; i++)
        {
            for (int j = 0; j < length; j++)
            {
                int at = (o * length + j) * inner + i;
                a[j] = first[at];
                b[j] = second[at];
                result[j] = dx[at];
            }
            kernel(a, b, result);
            for (int j = 0; j < length; j++) dx[(o * length + j) * inner + i] = result[j];
        }
    }
}
