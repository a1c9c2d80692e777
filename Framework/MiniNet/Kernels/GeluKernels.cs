using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// The Gaussian error linear unit (Hendrycks and Gimpel, 2016), y = x·Φ(x) with Φ the standard normal distribution function,
/// exact, Φ(x) = ½(1 + erf(x/√2)), or tanh-approximate (GPT-2's), y = ½x(1 + tanh(√(2/π)(x + 0.044715x³))), as PyTorch's
/// <c>gelu(x, approximate="none" | "tanh")</c>. Its derivative is not a function of y, so the backward passes read x.
/// float64 computes erf to double precision (MathNet.Numerics); float32 uses Abramowitz and Stegun's 7.1.26 (absolute error
/// below 1.5e-7, under float32's resolution of Φ), vectorised, and the exact form's forward and backward each run in one pass
/// split across <see cref="Engine.Threads"/> threads: the backward reuses the e^(-x²/2) the formula computes for Φ as x·φ(x)'s.
/// Every element, the last few included, goes through the same vector formula, so where a split falls never changes a result.
/// </summary>
public static unsafe class GeluKernels
{
    private const double InverseSqrt2 = 0.70710678118654752440;
    private const double InverseSqrt2Pi = 0.39894228040143267794;
    private const double Sqrt2OverPi = 0.79788456080286535588;
    private const double Cubic = 0.044715;

    /// <summary>y = GELU(x), exact or tanh-approximate.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, bool approximate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (approximate)
        {
            TanhArgument(x, y);
            TensorPrimitives.Tanh<T>(y, y);
            TensorPrimitives.Add<T>(y, T.One, y);
            TensorPrimitives.Multiply<T>(y, x, y);
            TensorPrimitives.Multiply<T>(y, T.CreateChecked(0.5), y);
            return;
        }
        if (typeof(T) == typeof(float))
        {
            ExactFloat32(MemoryMarshal.Cast<T, float>(x), default, MemoryMarshal.Cast<T, float>(y), gradient: false);
            return;
        }
        NormalCdf(x, y);
        TensorPrimitives.Multiply<T>(y, x, y);
    }

    /// <summary>dx += dy · GELU'(x): Φ(x) + x·φ(x) exact; for the tanh form, with u = √(2/π)(x + 0.044715x³),
    /// ½(1 + tanh u) + ½x(1 - tanh²u)·√(2/π)(1 + 3·0.044715x²).</summary>
    public static void AddGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, bool approximate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!approximate && typeof(T) == typeof(float))
        {
            ExactFloat32(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(dy), MemoryMarshal.Cast<T, float>(dx), gradient: true);
            return;
        }
        using var firstBuffer = new PooledBuffer<T>(x.Length);
        using var secondBuffer = new PooledBuffer<T>(x.Length);
        Span<T> derivative = firstBuffer.Span, work = secondBuffer.Span;
        T half = T.CreateChecked(0.5);
        if (approximate)
        {
            TanhArgument(x, derivative);
            TensorPrimitives.Tanh<T>(derivative, derivative);                        // t = tanh u
            TensorPrimitives.Multiply<T>(x, x, work);
            T c = T.CreateChecked(Sqrt2OverPi);
            TensorPrimitives.Multiply<T>(work, T.CreateChecked(3 * Cubic) * c, work);
            TensorPrimitives.Add<T>(work, c, work);                                   // du/dx = √(2/π)(1 + 3·0.044715x²)
            TensorPrimitives.Multiply<T>(work, x, work);
            TensorPrimitives.Multiply<T>(work, half, work);
            for (int i = 0; i < x.Length; i++)
            {
                T t = derivative[i];
                derivative[i] = half * (T.One + t) + work[i] * (T.One - t * t);
            }
        }
        else
        {
            NormalCdf(x, derivative);                                                // Φ(x)
            TensorPrimitives.Multiply<T>(x, x, work);
            TensorPrimitives.Multiply<T>(work, -half, work);
            TensorPrimitives.Exp<T>(work, work);
            TensorPrimitives.Multiply<T>(work, x, work);
            TensorPrimitives.MultiplyAdd<T>(work, T.CreateChecked(InverseSqrt2Pi), derivative, derivative); // + x·φ(x)
        }
        TensorPrimitives.FusedMultiplyAdd<T>(dy, derivative, dx, dx);
    }

    /// <summary>u = √(2/π)(x + 0.044715x³), the tanh form's argument.</summary>
    private static void TanhArgument<T>(ReadOnlySpan<T> x, Span<T> u) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T c = T.CreateChecked(Sqrt2OverPi);
        TensorPrimitives.Multiply<T>(x, x, u);
        TensorPrimitives.Multiply<T>(u, T.CreateChecked(Cubic) * c, u);
        TensorPrimitives.Add<T>(u, c, u);
        TensorPrimitives.Multiply<T>(u, x, u);
    }

    /// <summary>Φ(x) for each element, computed in float64 (float32's exact form runs in <see cref="ExactFloat32"/>).</summary>
    private static void NormalCdf<T>(ReadOnlySpan<T> x, Span<T> cdf) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) cdf[i] = T.CreateChecked(NormalCdf(double.CreateChecked(x[i])));
    }

    private static double NormalCdf(double x) => 0.5 * (1 + SpecialFunctions.Erf(x * InverseSqrt2));

    private struct ExactPass
    {
        public float* X, Bias, Dy, Out, Derivative;
        public int Length, Columns, Parts;
        public bool Gradient;
    }

    /// <summary>y = x·Φ(x) into <paramref name="result"/>, or (<paramref name="gradient"/>) dx += dy·(Φ(x) + x·φ(x)).</summary>
    private static void ExactFloat32(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> result, bool gradient)
    {
        fixed (float* xs = x, dys = dy, outs = result)
        {
            var pass = new ExactPass { X = xs, Dy = dys, Out = outs, Length = x.Length, Parts = KernelWorkers.ElementwiseParts(x.Length), Gradient = gradient };
            KernelWorkers.Run(pass.Parts, &ExactPart, &pass);
        }
    }

    /// <summary>y = GELU(x + b), exact, float32: <paramref name="bias"/> added to every row of <paramref name="x"/> (rows as
    /// long as the bias), with the bits of <see cref="System.Numerics.Tensors.TensorPrimitives.Add{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>
    /// followed by <see cref="Forward{T}"/>, in one pass.</summary>
    public static void ExactForwardWithBias(ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y) =>
        ExactWithBias(x, bias, default, y, gradient: false);

    /// <summary><see cref="ExactForwardWithBias(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>, also writing
    /// GELU'(x + b) = Φ + (x + b)·φ into <paramref name="derivative"/>, computed as the backward pass would, for
    /// <see cref="GradientFromDerivative"/>: one pass's erf and exp serve both.</summary>
    public static void ExactForwardWithBias(ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y, Span<float> derivative) =>
        ExactWithBias(x, bias, default, y, gradient: false, derivative);

    /// <summary>dz = dy·GELU' written into <paramref name="dz"/> from the derivative the forward pass kept, the bits of
    /// <see cref="ExactGradientWithBias"/> (a fused multiply-add onto zero), split across threads; with a
    /// <paramref name="biasGradient"/> (as long as a row), also db += Σ dz over the rows, in row order, in the same walk
    /// (<see cref="BiasGradientBands"/>), so dz is not read again for it.</summary>
    public static void GradientFromDerivative(ReadOnlySpan<float> dy, ReadOnlySpan<float> derivative, Span<float> dz, Span<float> biasGradient = default)
    {
        fixed (float* dys = dy, derivatives = derivative, dzs = dz, db = biasGradient)
        {
            if (biasGradient.Length > 0)
            {
                int columns = biasGradient.Length;
                BiasGradientBands.Run<float, DerivativeRows>(new DerivativeRows(dys, derivatives, columns), dy.Length / columns, columns, dzs, db);
                return;
            }
            var pass = new ExactPass { Dy = dys, Derivative = derivatives, Out = dzs, Length = dy.Length, Parts = KernelWorkers.ElementwiseParts(dy.Length) };
            KernelWorkers.Run(pass.Parts, &DerivativePart, &pass);
        }
    }

    /// <summary>dz's rows from dy and the kept derivative, each added to db as it is written when db is given.</summary>
    private readonly struct DerivativeRows(float* dy, float* derivative, int columns) : BiasGradientBands.IRows<float>
    {
        public void Write(int first, int last, float* dz, float* db)
        {
            for (nint at = (nint)first * columns, end = (nint)last * columns; at < end; at += columns)
            {
                DerivativeRange(dy + at, derivative + at, dz + at, columns);
                if (db != null) BiasGradientBands.AddRows(dz + at, db, columns, 0, 1);
            }
        }
    }

    private static void DerivativePart(void* state, int part)
    {
        ref var pass = ref *(ExactPass*)state;
        var (start, length) = KernelWorkers.ElementwiseRange(pass.Length, pass.Parts, part);
        DerivativeRange(pass.Dy + start, pass.Derivative + start, pass.Out + start, length);
    }

    /// <summary>dz = dy·derivative (a fused multiply-add onto zero) over <paramref name="length"/> elements.</summary>
    private static void DerivativeRange(float* dy, float* derivative, float* dz, int length)
    {
        int i = 0;
        for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
            Vector.Store(Vector.FusedMultiplyAdd(Vector.Load(dy + i), Vector.Load(derivative + i), Vector<float>.Zero), dz + i);
        for (; i < length; i++) dz[i] = MathF.FusedMultiplyAdd(dy[i], derivative[i], 0f);
    }

    /// <summary>dz = dy·GELU'(x + b) written into <paramref name="dz"/>, exact, float32, b added to every row: the bits
    /// <see cref="AddGradient{T}"/> adds into zeros at x + b, in one pass.</summary>
    public static void ExactGradientWithBias(ReadOnlySpan<float> x, ReadOnlySpan<float> bias, ReadOnlySpan<float> dy, Span<float> dz) =>
        ExactWithBias(x, bias, dy, dz, gradient: true);

    private static void ExactWithBias(ReadOnlySpan<float> x, ReadOnlySpan<float> bias, ReadOnlySpan<float> dy, Span<float> result, bool gradient,
        Span<float> derivative = default)
    {
        int rows = bias.Length == 0 ? 0 : x.Length / bias.Length;
        fixed (float* xs = x, bs = bias, dys = dy, outs = result, derivatives = derivative)
        {
            var pass = new ExactPass
            {
                X = xs, Bias = bs, Dy = dys, Out = outs, Derivative = derivatives, Length = x.Length, Columns = bias.Length, Gradient = gradient,
                Parts = KernelWorkers.BandParts(x.Length, rows),
            };
            KernelWorkers.Run(pass.Parts, &ExactPart, &pass);
        }
    }

    /// <summary>Part <paramref name="part"/>: a range of the elements, or, with a bias, a band of whole rows.</summary>
    private static void ExactPart(void* state, int part)
    {
        ref var pass = ref *(ExactPass*)state;
        if (pass.Bias == null)
        {
            var (start, length) = KernelWorkers.ElementwiseRange(pass.Length, pass.Parts, part);
            ExactRange(pass.X + start, null, pass.Dy + start, pass.Out + start, null, length, pass.Gradient, overwrite: false);
            return;
        }
        int rows = pass.Length / pass.Columns;
        var (first, end) = KernelWorkers.Band(rows, pass.Parts, part);
        for (int row = first; row < end; row++)
        {
            long offset = (long)row * pass.Columns;
            ExactRange(pass.X + offset, pass.Bias, pass.Dy + offset, pass.Out + offset, pass.Derivative == null ? null : pass.Derivative + offset,
                pass.Columns, pass.Gradient, overwrite: true);
        }
    }

    /// <summary>GELU over <paramref name="length"/> elements at x (+ bias when not null): y (and GELU' into
    /// <paramref name="derivative"/> when not null), or dy·GELU' added to the result (written over it when <paramref name="overwrite"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ExactRange(float* x, float* bias, float* dy, float* result, float* derivative, int length, bool gradient, bool overwrite)
    {
        int width = Vector<float>.Count, whole = length - length % width, at = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; at <= length - Vector512<float>.Count; at += Vector512<float>.Count)
            {
                var z = bias == null ? Vector512.Load(x + at) : Vector512.Load(x + at) + Vector512.Load(bias + at);
                ExactVector512(z, dy + at, result + at, derivative == null ? null : derivative + at, gradient, overwrite);
            }
        for (; at < whole; at += width)
        {
            var z = bias == null ? Vector.Load(x + at) : Vector.Load(x + at) + Vector.Load(bias + at);
            ExactVector(z, dy + at, result + at, derivative == null ? null : derivative + at, gradient, overwrite);
        }
        if (whole == length) return;
        // The last few elements, padded to a whole vector, so they are computed exactly as the others.
        int rest = length - whole;
        float* zTail = stackalloc float[width], dyTail = stackalloc float[width], resultTail = stackalloc float[width], derivativeTail = stackalloc float[width];
        for (int i = 0; i < width; i++) (zTail[i], dyTail[i], resultTail[i]) = (0, 0, 0);
        for (int i = 0; i < rest; i++)
        {
            zTail[i] = bias == null ? x[whole + i] : x[whole + i] + bias[whole + i];
            if (gradient) (dyTail[i], resultTail[i]) = (dy[whole + i], overwrite ? 0 : result[whole + i]);
        }
        ExactVector(Vector.Load(zTail), dyTail, resultTail, derivative == null ? null : derivativeTail, gradient, overwrite: false);
        for (int i = 0; i < rest; i++) result[whole + i] = resultTail[i];
        if (derivative != null) for (int i = 0; i < rest; i++) derivative[whole + i] = derivativeTail[i];
    }

    /// <summary>One vector of the exact form: Φ(x) = ½(1 + erf(x/√2)) with erf(z) = 1 - (a₁t + … + a₅t⁵)·e^(-z²),
    /// t = 1/(1 + p|z|), odd in z (Abramowitz and Stegun 7.1.26); e^(-z²) = e^(-x²/2) = √(2π)·φ(x) serves the backward too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ExactVector(Vector<float> x, float* dyAt, float* resultAt, float* derivativeAt, bool gradient, bool overwrite)
    {
        const float p = 0.3275911f, a1 = 0.254829592f, a2 = -0.284496736f, a3 = 1.421413741f, a4 = -1.453152027f, a5 = 1.061405429f;
        var one = Vector<float>.One;
        var z = x * new Vector<float>((float)InverseSqrt2);
        var absolute = Vector.Abs(z);
        var t = one / (one + new Vector<float>(p) * absolute);
        var polynomial = t * (new Vector<float>(a1) + t * (new Vector<float>(a2) + t * (new Vector<float>(a3) + t * (new Vector<float>(a4) + t * new Vector<float>(a5)))));
        var gaussian = Exp(-absolute * absolute);
        var erfAbsolute = one - polynomial * gaussian;
        var erf = Vector.ConditionalSelect(Vector.LessThan(z, Vector<float>.Zero), -erfAbsolute, erfAbsolute);
        var cdf = new Vector<float>(0.5f) * (one + erf);
        if (!gradient && derivativeAt == null)
        {
            Vector.Store(cdf * x, resultAt);
            return;
        }
        var derivative = cdf + x * gaussian * new Vector<float>((float)InverseSqrt2Pi);
        if (!gradient)
        {
            Vector.Store(cdf * x, resultAt);
            Vector.Store(derivative, derivativeAt);
            return;
        }
        Vector.Store(Vector.FusedMultiplyAdd(Vector.Load(dyAt), derivative, overwrite ? Vector<float>.Zero : Vector.Load(resultAt)), resultAt);
    }

    /// <summary><see cref="ExactVector"/> in a 512-bit register where AVX-512 runs it: each step is per lane, so the same
    /// bits, with half the instructions (about 30% less time here: GptKernelBenchmarks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ExactVector512(Vector512<float> x, float* dyAt, float* resultAt, float* derivativeAt, bool gradient, bool overwrite)
    {
        const float p = 0.3275911f, a1 = 0.254829592f, a2 = -0.284496736f, a3 = 1.421413741f, a4 = -1.453152027f, a5 = 1.061405429f;
        var one = Vector512<float>.One;
        var z = x * Vector512.Create((float)InverseSqrt2);
        var absolute = Vector512.Abs(z);
        var t = one / (one + Vector512.Create(p) * absolute);
        var polynomial = t * (Vector512.Create(a1) + t * (Vector512.Create(a2) + t * (Vector512.Create(a3) + t * (Vector512.Create(a4) + t * Vector512.Create(a5)))));
        var gaussian = Exp(-absolute * absolute);
        var erfAbsolute = one - polynomial * gaussian;
        var erf = Vector512.ConditionalSelect(Vector512.LessThan(z, Vector512<float>.Zero), -erfAbsolute, erfAbsolute);
        var cdf = Vector512.Create(0.5f) * (one + erf);
        if (!gradient && derivativeAt == null)
        {
            Vector512.Store(cdf * x, resultAt);
            return;
        }
        var derivative = cdf + x * gaussian * Vector512.Create((float)InverseSqrt2Pi);
        if (!gradient)
        {
            Vector512.Store(cdf * x, resultAt);
            Vector512.Store(derivative, derivativeAt);
            return;
        }
        Vector512.Store(Vector512.FusedMultiplyAdd(Vector512.Load(dyAt), derivative, overwrite ? Vector512<float>.Zero : Vector512.Load(resultAt)), resultAt);
    }

    /// <summary>e^x, within 1e-7 relative, by Cephes' <c>expf</c>: x = n·ln 2 + r with |r| ≤ ½ln 2 (ln 2 in two parts, so r is
    /// exact), e^r by a degree-6 polynomial, 2ⁿ written into the exponent bits. Below -87.3 (e^x under float32's smallest
    /// normal number) it returns e^-87.3. About a third faster here than <see cref="Vector.Exp(Vector{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Exp(Vector<float> x)
    {
        const float roundingShift = 12582912f; // 1.5·2²³: a sum this large is rounded to an integer, held in the low mantissa bits
        x = Vector.Max(x, new Vector<float>(-87.33654f));
        var shifted = Vector.FusedMultiplyAdd(x, new Vector<float>(1.44269504088896341f), new Vector<float>(roundingShift));
        var n = shifted - new Vector<float>(roundingShift);
        var r = Vector.FusedMultiplyAdd(n, new Vector<float>(-0.693359375f), x);
        r = Vector.FusedMultiplyAdd(n, new Vector<float>(2.12194440e-4f), r);
        var polynomial = new Vector<float>(1.9875691500e-4f);
        polynomial = Vector.FusedMultiplyAdd(polynomial, r, new Vector<float>(1.3981999507e-3f));
        polynomial = Vector.FusedMultiplyAdd(polynomial, r, new Vector<float>(8.3334519073e-3f));
        polynomial = Vector.FusedMultiplyAdd(polynomial, r, new Vector<float>(4.1665795894e-2f));
        polynomial = Vector.FusedMultiplyAdd(polynomial, r, new Vector<float>(1.6666665459e-1f));
        polynomial = Vector.FusedMultiplyAdd(polynomial, r, new Vector<float>(5.0000001201e-1f));
        var expR = Vector.FusedMultiplyAdd(polynomial, r * r, r) + Vector<float>.One;
        var powerOfTwo = Vector.AsVectorSingle((Vector.AsVectorInt32(shifted) - new Vector<int>(0x4B400000 - 127)) << 23);
        return expR * powerOfTwo;
    }

    /// <summary><see cref="Exp(Vector{float})"/> in a 512-bit register (the same steps, lane by lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exp(Vector512<float> x)
    {
        const float roundingShift = 12582912f;
        x = Vector512.Max(x, Vector512.Create(-87.33654f));
        var shifted = Vector512.FusedMultiplyAdd(x, Vector512.Create(1.44269504088896341f), Vector512.Create(roundingShift));
        var n = shifted - Vector512.Create(roundingShift);
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-0.693359375f), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(2.12194440e-4f), r);
        var polynomial = Vector512.Create(1.9875691500e-4f);
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(1.3981999507e-3f));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(8.3334519073e-3f));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(4.1665795894e-2f));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(1.6666665459e-1f));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(5.0000001201e-1f));
        var expR = Vector512.FusedMultiplyAdd(polynomial, r * r, r) + Vector512<float>.One;
        var powerOfTwo = Vector512.AsSingle((Vector512.AsInt32(shifted) - Vector512.Create(0x4B400000 - 127)) << 23);
        return expR * powerOfTwo;
    }
}
