using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// Layer normalisation over the last axis (Ba, Kiros and Hinton, 2016), row by row: x̂ = (x - mean) / √(var + ε) with the
/// biased variance, y = γ·x̂ + β. The backward pass is the usual one for a normalisation:
/// dx = (1/σ)·(g - mean(g) - x̂·mean(g·x̂)) with g = γ·dy, dγ = Σ dy·x̂ and dβ = Σ dy over the rows.
/// </summary>
public static class LayerNormalizationKernels
{
    /// <summary>y = γ·x̂ + β for each of <paramref name="rows"/> rows of <paramref name="width"/>; keeps each row's mean and
    /// 1/σ for the backward pass.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, Span<T> y,
        Span<T> mean, Span<T> inverseDeviation, int rows, int width, T epsilon) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T count = T.CreateChecked(width);
        for (int r = 0; r < rows; r++)
        {
            var row = x.Slice(r * width, width);
            var output = y.Slice(r * width, width);
            T mu = TensorPrimitives.Sum(row) / count;
            TensorPrimitives.Subtract(row, mu, output);
            T variance = TensorPrimitives.Dot<T>(output, output) / count;
            T inverse = T.One / T.Sqrt(variance + epsilon);
            TensorPrimitives.Multiply(output, inverse, output);
            TensorPrimitives.FusedMultiplyAdd(output, gamma, beta, output);
            mean[r] = mu;
            inverseDeviation[r] = inverse;
        }
    }

    /// <summary>Adds dx (when <paramref name="dx"/> is not empty), dγ and dβ (when not empty) given dy.</summary>
    public static void BackwardAdd<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gamma, ReadOnlySpan<T> mean, ReadOnlySpan<T> inverseDeviation,
        ReadOnlySpan<T> dy, Span<T> dx, Span<T> dgamma, Span<T> dbeta, int rows, int width) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T count = T.CreateChecked(width);
        using var normalizedBuffer = new PooledBuffer<T>(width);
        using var scaledBuffer = new PooledBuffer<T>(width);
        Span<T> normalized = normalizedBuffer.Span, scaled = scaledBuffer.Span;
        for (int r = 0; r < rows; r++)
        {
            var upstream = dy.Slice(r * width, width);
            TensorPrimitives.Subtract(x.Slice(r * width, width), mean[r], normalized);
            TensorPrimitives.Multiply(normalized, inverseDeviation[r], normalized);
            if (!dgamma.IsEmpty) TensorPrimitives.FusedMultiplyAdd(upstream, normalized, dgamma, dgamma);
            if (!dbeta.IsEmpty) TensorPrimitives.Add(dbeta, upstream, dbeta);
            if (dx.IsEmpty) continue;
            TensorPrimitives.Multiply(upstream, gamma, scaled);
            T meanScaled = TensorPrimitives.Sum<T>(scaled) / count;
            T meanScaledNormalized = TensorPrimitives.Dot<T>(scaled, normalized) / count;
            var gradient = dx.Slice(r * width, width);
            T inverse = inverseDeviation[r];
            for (int j = 0; j < width; j++)
                gradient[j] += inverse * (scaled[j] - meanScaled - normalized[j] * meanScaledNormalized);
        }
    }
}
