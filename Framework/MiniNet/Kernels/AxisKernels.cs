using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// Reductions along one axis of a row-major array viewed as (outer, length, inner): sums, maxima, and the broadcasts that undo them.
/// A reduction over all elements is the case outer = inner = 1.
/// </summary>
public static class AxisKernels
{
    /// <summary>y[o, i] = scale * Σ_j x[o, j, i].</summary>
    public static void Sum<T>(ReadOnlySpan<T> x, Span<T> y, int outer, int length, int inner, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
        {
            var target = y.Slice(o * inner, inner);
            if (inner == 1)
            {
                target[0] = TensorPrimitives.Sum(x.Slice(o * length, length)) * scale;
                continue;
            }
            target.Clear();
            for (int j = 0; j < length; j++)
                TensorPrimitives.Add(target, x.Slice((o * length + j) * inner, inner), target);
            TensorPrimitives.Multiply(target, scale, target);
        }
    }

    /// <summary>dx[o, j, i] += scale * dy[o, i]: spreads a reduced gradient back over the reduced axis.</summary>
    public static void BroadcastAdd<T>(ReadOnlySpan<T> dy, Span<T> dx, int outer, int length, int inner, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
        {
            var source = dy.Slice(o * inner, inner);
            for (int j = 0; j < length; j++)
            {
                var target = dx.Slice((o * length + j) * inner, inner);
                TensorPrimitives.MultiplyAdd(source, scale, target, target);
            }
        }
    }

    /// <summary>y[o, i] = max_j x[o, j, i]. NaN propagates.</summary>
    public static void Max<T>(ReadOnlySpan<T> x, Span<T> y, int outer, int length, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
        {
            var target = y.Slice(o * inner, inner);
            if (inner == 1)
            {
                target[0] = TensorPrimitives.Max(x.Slice(o * length, length));
                continue;
            }
            x.Slice(o * length * inner, inner).CopyTo(target);
            for (int j = 1; j < length; j++)
                TensorPrimitives.Max(target, x.Slice((o * length + j) * inner, inner), target);
        }
    }

    /// <summary>dx[o, j*, i] += dy[o, i] where j* is the first j at which x[o, j, i] equals the maximum y[o, i].</summary>
    public static void MaxBackwardAdd<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int outer, int length, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
        for (int i = 0; i < inner; i++)
        {
            T max = y[o * inner + i];
            for (int j = 0; j < length; j++)
            {
                int at = (o * length + j) * inner + i;
                if (x[at] == max || T.IsNaN(max) && T.IsNaN(x[at]))
                {
                    dx[at] += dy[o * inner + i];
                    break;
                }
            }
        }
    }
}
