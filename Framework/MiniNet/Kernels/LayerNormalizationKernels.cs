using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// Layer normalisation over the last axis (Ba, Kiros and Hinton, 2016), row by row: x̂ = (x - mean) / √(var + ε) with the
/// biased variance, y = γ·x̂ + β. The backward pass is the usual one for a normalisation:
/// dx = (1/σ)·(g - mean(g) - x̂·mean(g·x̂)) with g = γ·dy, dγ = Σ dy·x̂ and dβ = Σ dy over the rows.
/// Large inputs are split across <see cref="Engine.Threads"/> threads: the rows (the output and dx) in bands, since rows
/// are independent; dγ and dβ in bands of columns, each column summed over the rows in order, so no split changes a bit.
/// Float32 rows of whole 512-bit vectors (the GPT's) take <see cref="LayerNormRows512"/>, which computes the same bits.
/// </summary>
public static unsafe class LayerNormalizationKernels
{
    /// <summary>y = γ·x̂ + β for each of <paramref name="rows"/> rows of <paramref name="width"/>; keeps each row's mean and
    /// 1/σ for the backward pass.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, Span<T> y,
        Span<T> mean, Span<T> inverseDeviation, int rows, int width, T epsilon) where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* xs = x, gammas = gamma, betas = beta, ys = y, means = mean, inverses = inverseDeviation)
        {
            var pass = new Pass<T> { X = xs, Gamma = gammas, Beta = betas, Out = ys, Mean = means, Inverse = inverses, Rows = rows, Width = width, Epsilon = epsilon };
            Run(ref pass, rows, &ForwardPart<T>);
        }
    }

    /// <summary>Adds dx (when <paramref name="dx"/> is not empty), dγ and dβ (when not empty) given dy.</summary>
    public static void BackwardAdd<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gamma, ReadOnlySpan<T> mean, ReadOnlySpan<T> inverseDeviation,
        ReadOnlySpan<T> dy, Span<T> dx, Span<T> dgamma, Span<T> dbeta, int rows, int width) where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* xs = x, gammas = gamma, means = mean, inverses = inverseDeviation, dys = dy, dxs = dx, dgammas = dgamma, dbetas = dbeta)
        {
            var pass = new Pass<T>
            {
                X = xs, Gamma = gammas, Mean = means, Inverse = inverses, Dy = dys, Out = dxs, DGamma = dgammas, DBeta = dbetas,
                Rows = rows, Width = width,
            };
            if (!dx.IsEmpty) Run(ref pass, rows, &InputGradientPart<T>);
            if (!dgamma.IsEmpty || !dbeta.IsEmpty) Run(ref pass, width, &ParameterGradientPart<T>);
        }
    }

    private struct Pass<T> where T : unmanaged
    {
        public T* X, Gamma, Beta, Dy, Out, Mean, Inverse, DGamma, DBeta;
        public int Rows, Width, Parts, Count;
        public T Epsilon;
    }

    /// <summary>Runs <paramref name="body"/> over <paramref name="count"/> rows or columns cut into contiguous bands.</summary>
    private static void Run<T>(ref Pass<T> pass, int count, delegate*<void*, int, void> body) where T : unmanaged
    {
        pass.Count = count;
        pass.Parts = KernelWorkers.BandParts(pass.Rows * pass.Width, count);
        fixed (Pass<T>* state = &pass) KernelWorkers.Run(pass.Parts, body, state);
    }

    private static void ForwardPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var (start, end) = KernelWorkers.Band(pass.Count, pass.Parts, part);
        int width = pass.Width;
        if (typeof(T) == typeof(float) && LayerNormRows512.Fit(width))
        {
            LayerNormRows512.Forward((float*)pass.X, (float*)pass.Gamma, (float*)pass.Beta, (float*)pass.Out, (float*)pass.Mean,
                (float*)pass.Inverse, start, end, width, float.CreateTruncating(pass.Epsilon));
            return;
        }
        T count = T.CreateChecked(width);
        var gamma = new ReadOnlySpan<T>(pass.Gamma, width);
        var beta = new ReadOnlySpan<T>(pass.Beta, width);
        for (int r = start; r < end; r++)
        {
            var row = new ReadOnlySpan<T>(pass.X + (long)r * width, width);
            var output = new Span<T>(pass.Out + (long)r * width, width);
            T mu = PrimitiveSums.Sum(row) / count;
            Subtract(row, mu, output);
            T variance = PrimitiveSums.Dot<T>(output, output) / count;
            T inverse = T.One / T.Sqrt(variance + pass.Epsilon);
            ScaleAndShift(output, inverse, gamma, beta);
            pass.Mean[r] = mu;
            pass.Inverse[r] = inverse;
        }
    }

    /// <summary>dx += (1/σ)·(g - mean(g) - x̂·mean(g·x̂)) for a band of rows.</summary>
    private static void InputGradientPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var (start, end) = KernelWorkers.Band(pass.Count, pass.Parts, part);
        int width = pass.Width;
        if (typeof(T) == typeof(float) && LayerNormRows512.Fit(width))
        {
            LayerNormRows512.AddInputGradient((float*)pass.X, (float*)pass.Gamma, (float*)pass.Mean, (float*)pass.Inverse, (float*)pass.Dy,
                (float*)pass.Out, start, end, width);
            return;
        }
        T count = T.CreateChecked(width);
        var gamma = new ReadOnlySpan<T>(pass.Gamma, width);
        using var normalizedBuffer = new PooledBuffer<T>(width);
        using var scaledBuffer = new PooledBuffer<T>(width);
        Span<T> normalized = normalizedBuffer.Span, scaled = scaledBuffer.Span;
        for (int r = start; r < end; r++)
        {
            var upstream = new ReadOnlySpan<T>(pass.Dy + (long)r * width, width);
            NormalizeAndScale(new ReadOnlySpan<T>(pass.X + (long)r * width, width), pass.Mean[r], pass.Inverse[r], upstream, gamma, normalized, scaled);
            T meanScaled = PrimitiveSums.Sum<T>(scaled) / count;
            T meanScaledNormalized = PrimitiveSums.Dot<T>(scaled, normalized) / count;
            var gradient = new Span<T>(pass.Out + (long)r * width, width);
            T inverse = pass.Inverse[r];
            int j = 0;
            // Vector<T> lanes run the scalar tail's operations in its order, so results do not depend on the width.
            if (Vector.IsHardwareAccelerated)
            {
                Vector<T> inverses = new(inverse), means = new(meanScaled), meansNormalized = new(meanScaledNormalized);
                for (; j <= width - Vector<T>.Count; j += Vector<T>.Count)
                {
                    var change = inverses * (new Vector<T>(scaled[j..]) - means - new Vector<T>(normalized[j..]) * meansNormalized);
                    (new Vector<T>(gradient[j..]) + change).CopyTo(gradient[j..]);
                }
            }
            for (; j < width; j++)
                gradient[j] += inverse * (scaled[j] - meanScaled - normalized[j] * meanScaledNormalized);
        }
    }

    /// <summary>dγ += Σ dy·x̂ and dβ += Σ dy over the rows, in row order, for a band of columns. The band's sums are kept on
    /// this thread's stack and written back once: the cache line that straddles two bands' edge would otherwise be written by
    /// both threads at every row and pass back and forth between their cores (measured: the split ran slower than one thread).</summary>
    private static void ParameterGradientPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var (start, end) = KernelWorkers.Band(pass.Count, pass.Parts, part);
        int width = pass.Width, columns = end - start;
        var dgamma = pass.DGamma == null ? Span<T>.Empty : new Span<T>(pass.DGamma + start, columns);
        var dbeta = pass.DBeta == null ? Span<T>.Empty : new Span<T>(pass.DBeta + start, columns);
        Span<T> local = columns <= KernelWorkers.StackColumns ? stackalloc T[2 * columns] : default;
        var gammaSums = local.IsEmpty || dgamma.IsEmpty ? dgamma : local[..columns];
        var betaSums = local.IsEmpty || dbeta.IsEmpty ? dbeta : local[columns..];
        dgamma.CopyTo(gammaSums);
        dbeta.CopyTo(betaSums);
        for (int r = 0; r < pass.Rows; r++)
        {
            long offset = (long)r * width + start;
            var upstream = new ReadOnlySpan<T>(pass.Dy + offset, columns);
            if (!gammaSums.IsEmpty) AddScaledNormalized(new ReadOnlySpan<T>(pass.X + offset, columns), pass.Mean[r], pass.Inverse[r], upstream, gammaSums, betaSums);
            else TensorPrimitives.Add(betaSums, upstream, betaSums);
        }
        gammaSums.CopyTo(dgamma);
        betaSums.CopyTo(dbeta);
    }

    // A row is a few vectors long, and a TensorPrimitives call per step costs more than its arithmetic: the loops below run
    // the element-wise steps of several calls in one pass, each step rounded as TensorPrimitives' Subtract, Multiply, Add and
    // FusedMultiplyAdd round it, and sums over a row are TensorPrimitives' own (PrimitiveSums adds short float rows in its
    // order without a call).

    /// <summary>difference = x - value.</summary>
    private static void Subtract<T>(ReadOnlySpan<T> x, T value, Span<T> difference) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var values = new Vector<T>(value);
            for (; j <= x.Length - Vector<T>.Count; j += Vector<T>.Count) (new Vector<T>(x[j..]) - values).CopyTo(difference[j..]);
        }
        for (; j < x.Length; j++) difference[j] = x[j] - value;
    }

    /// <summary>sums += dy·x̂ with x̂ = (x - mean)·(1/σ), one fused multiply-add per element, and betaSums += dy when not empty.</summary>
    private static void AddScaledNormalized<T>(ReadOnlySpan<T> x, T mean, T inverse, ReadOnlySpan<T> dy, Span<T> sums, Span<T> betaSums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        bool beta = !betaSums.IsEmpty;
        if (Vector.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double)))
        {
            Vector<T> means = new(mean), inverses = new(inverse);
            for (; j <= x.Length - Vector<T>.Count; j += Vector<T>.Count)
            {
                var normalized = (new Vector<T>(x[j..]) - means) * inverses;
                var upstream = new Vector<T>(dy[j..]);
                FusedMultiplyAdd(upstream, normalized, new Vector<T>(sums[j..])).CopyTo(sums[j..]);
                if (beta) (new Vector<T>(betaSums[j..]) + upstream).CopyTo(betaSums[j..]);
            }
        }
        for (; j < x.Length; j++)
        {
            sums[j] = T.FusedMultiplyAdd(dy[j], (x[j] - mean) * inverse, sums[j]);
            if (beta) betaSums[j] += dy[j];
        }
    }

    /// <summary>values = γ·(values·(1/σ)) + β: the product rounded, then one fused multiply-add.</summary>
    private static void ScaleAndShift<T>(Span<T> values, T inverse, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double)))
        {
            var inverses = new Vector<T>(inverse);
            for (; j <= values.Length - Vector<T>.Count; j += Vector<T>.Count)
                FusedMultiplyAdd(new Vector<T>(values[j..]) * inverses, new Vector<T>(gamma[j..]), new Vector<T>(beta[j..])).CopyTo(values[j..]);
        }
        for (; j < values.Length; j++) values[j] = T.FusedMultiplyAdd(values[j] * inverse, gamma[j], beta[j]);
    }

    /// <summary>normalized = (x - mean)·(1/σ), each step rounded, and scaled = dy·γ.</summary>
    private static void NormalizeAndScale<T>(ReadOnlySpan<T> x, T mean, T inverse, ReadOnlySpan<T> dy, ReadOnlySpan<T> gamma, Span<T> normalized, Span<T> scaled)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> means = new(mean), inverses = new(inverse);
            for (; j <= x.Length - Vector<T>.Count; j += Vector<T>.Count)
            {
                ((new Vector<T>(x[j..]) - means) * inverses).CopyTo(normalized[j..]);
                (new Vector<T>(dy[j..]) * new Vector<T>(gamma[j..])).CopyTo(scaled[j..]);
            }
        }
        for (; j < x.Length; j++)
        {
            normalized[j] = (x[j] - mean) * inverse;
            scaled[j] = dy[j] * gamma[j];
        }
    }

    private static Vector<T> FusedMultiplyAdd<T>(Vector<T> a, Vector<T> b, Vector<T> c) where T : unmanaged =>
        typeof(T) == typeof(float)
            ? Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
            : Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
}
