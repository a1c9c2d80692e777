using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// Batch normalisation's passes over a channels-last tensor viewed as (rows, channels): every axis but the last is a row, so
/// a row is one position's channels, contiguous, and each loop below runs along a row with whole vectors. Sums over rows
/// are taken in blocks of <see cref="BlockRows"/> rows, each block's sum then added to the total, which keeps a float32 sum
/// of a large batch accurate to about (block + blocks)·ε instead of rows·ε.
/// </summary>
public static class BatchNormalizationKernels
{
    /// <summary>Rows summed before their partial sum joins the total.</summary>
    private const int BlockRows = 256;

    /// <summary>mean[c] = Σᵣ x[r, c] / rows and variance[c] = Σᵣ (x[r, c] − mean[c])² / rows (the biased variance, as Keras),
    /// in two passes so that the variance does not cancel.</summary>
    /// <exception cref="ArgumentException">x is empty or not whole rows of mean's length.</exception>
    public static void Moments<T>(ReadOnlySpan<T> x, Span<T> mean, Span<T> variance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = mean.Length, rows = Rows(x, channels);
        using var partialBuffer = new PooledBuffer<T>(channels);
        using var centeredBuffer = new PooledBuffer<T>(channels);
        Span<T> partial = partialBuffer.Span, centered = centeredBuffer.Span;
        mean.Clear();
        for (int block = 0; block < rows; block += BlockRows)
        {
            partial.Clear();
            for (int r = block; r < Math.Min(block + BlockRows, rows); r++) TensorPrimitives.Add(partial, x.Slice(r * channels, channels), partial);
            TensorPrimitives.Add(mean, partial, mean);
        }
        TensorPrimitives.Divide(mean, T.CreateTruncating(rows), mean);
        variance.Clear();
        for (int block = 0; block < rows; block += BlockRows)
        {
            partial.Clear();
            for (int r = block; r < Math.Min(block + BlockRows, rows); r++)
            {
                TensorPrimitives.Subtract(x.Slice(r * channels, channels), mean, centered);
                TensorPrimitives.MultiplyAdd(centered, centered, partial, partial);
            }
            TensorPrimitives.Add(variance, partial, variance);
        }
        TensorPrimitives.Divide(variance, T.CreateTruncating(rows), variance);
    }

    /// <summary>y[r, c] = x[r, c]·scale[c] + shift[c]: normalisation and the affine map folded into one multiply-add.</summary>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void ScaleShift<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> scale, ReadOnlySpan<T> shift, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = scale.Length, rows = Rows(x, channels);
        if (y.Length != x.Length || shift.Length != channels) throw new ArgumentException("batch_norm: y must be shaped like x and shift like scale");
        for (int r = 0; r < rows; r++)
            TensorPrimitives.MultiplyAdd(x.Slice(r * channels, channels), scale, shift, y.Slice(r * channels, channels));
    }

    /// <summary>sumDy[c] = Σᵣ dy[r, c] and sumDyCentered[c] = Σᵣ dy[r, c]·(x[r, c] − mean[c]): the two sums every gradient
    /// of batch normalisation is made of.</summary>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void GradientSums<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> mean, ReadOnlySpan<T> dy, Span<T> sumDy, Span<T> sumDyCentered)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = mean.Length, rows = Rows(x, channels);
        if (dy.Length != x.Length) throw new ArgumentException("batch_norm: dy must be shaped like x");
        using var partialDyBuffer = new PooledBuffer<T>(channels);
        using var partialCenteredBuffer = new PooledBuffer<T>(channels);
        using var centeredBuffer = new PooledBuffer<T>(channels);
        Span<T> partialDy = partialDyBuffer.Span, partialCentered = partialCenteredBuffer.Span, centered = centeredBuffer.Span;
        sumDy.Clear();
        sumDyCentered.Clear();
        for (int block = 0; block < rows; block += BlockRows)
        {
            partialDy.Clear();
            partialCentered.Clear();
            for (int r = block; r < Math.Min(block + BlockRows, rows); r++)
            {
                var dyRow = dy.Slice(r * channels, channels);
                TensorPrimitives.Add(partialDy, dyRow, partialDy);
                TensorPrimitives.Subtract(x.Slice(r * channels, channels), mean, centered);
                TensorPrimitives.MultiplyAdd(dyRow, centered, partialCentered, partialCentered);
            }
            TensorPrimitives.Add(sumDy, partialDy, sumDy);
            TensorPrimitives.Add(sumDyCentered, partialCentered, sumDyCentered);
        }
    }

    /// <summary>dx[r, c] = dyScale[c]·dy[r, c] + centeredScale[c]·(x[r, c] − mean[c]) + offset[c]: the input gradient of batch
    /// normalisation, whose three per-channel coefficients the op works out.</summary>
    /// <exception cref="ArgumentException">The lengths do not fit.</exception>
    public static void InputGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> mean, ReadOnlySpan<T> dy, ReadOnlySpan<T> dyScale,
        ReadOnlySpan<T> centeredScale, ReadOnlySpan<T> offset, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = mean.Length, rows = Rows(x, channels);
        if (dy.Length != x.Length || dx.Length != x.Length) throw new ArgumentException("batch_norm: dy and dx must be shaped like x");
        for (int r = 0; r < rows; r++)
        {
            var term = dx.Slice(r * channels, channels);
            TensorPrimitives.Subtract(x.Slice(r * channels, channels), mean, term);
            TensorPrimitives.MultiplyAdd(term, centeredScale, offset, term);
            TensorPrimitives.MultiplyAdd(dy.Slice(r * channels, channels), dyScale, term, term);
        }
    }

    /// <summary>moving = moving·momentum + batch·(1 − momentum): Keras's update of the moving mean and variance.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void UpdateMovingAverage<T>(Span<T> moving, ReadOnlySpan<T> batch, T momentum) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (moving.Length != batch.Length) throw new ArgumentException($"batch_norm: the moving statistic has {moving.Length} elements, the batch's {batch.Length}");
        for (int c = 0; c < moving.Length; c++) moving[c] = moving[c] * momentum + batch[c] * (T.One - momentum);
    }

    private static int Rows<T>(ReadOnlySpan<T> x, int channels)
    {
        if (channels < 1 || x.IsEmpty || x.Length % channels != 0)
            throw new ArgumentException($"batch_norm: x has {x.Length} elements, which is not a positive number of rows of {channels} channels");
        return x.Length / channels;
    }
}
