using System.Numerics;
using System.Runtime.InteropServices;
using MathNet.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// The Gaussian error linear unit (Hendrycks and Gimpel, 2016), y = x·Φ(x) with Φ the standard normal distribution function,
/// exact, Φ(x) = ½(1 + erf(x/√2)), or tanh-approximate (GPT-2's), y = ½x(1 + tanh(√(2/π)(x + 0.044715x³))), as PyTorch's
/// <c>gelu(x, approximate="none" | "tanh")</c>. Its derivative is not a function of y, so the backward passes read x.
/// float64 computes erf to double precision (MathNet.Numerics); float32 uses Abramowitz and Stegun's 7.1.26 (absolute error
/// below 1.5e-7, under float32's resolution of Φ), vectorised.
/// </summary>
public static class GeluKernels
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
        NormalCdf(x, y);
        TensorPrimitives.Multiply<T>(y, x, y);
    }

    /// <summary>dx += dy · GELU'(x): Φ(x) + x·φ(x) exact; for the tanh form, with u = √(2/π)(x + 0.044715x³),
    /// ½(1 + tanh u) + ½x(1 - tanh²u)·√(2/π)(1 + 3·0.044715x²).</summary>
    public static void AddGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, bool approximate) where T : unmanaged, IFloatingPointIeee754<T>
    {
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

    /// <summary>Φ(x) for each element, by the method the class describes for the type.</summary>
    private static void NormalCdf<T>(ReadOnlySpan<T> x, Span<T> cdf) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) NormalCdfFloat32(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(cdf));
        else for (int i = 0; i < x.Length; i++) cdf[i] = T.CreateChecked(NormalCdf(double.CreateChecked(x[i])));
    }

    private static double NormalCdf(double x) => 0.5 * (1 + SpecialFunctions.Erf(x * InverseSqrt2));

    /// <summary>Φ(x) = ½(1 + erf(x/√2)) with erf(z) = 1 - (a₁t + … + a₅t⁵)·e^(-z²), t = 1/(1 + p|z|), odd in z
    /// (Abramowitz and Stegun 7.1.26).</summary>
    private static void NormalCdfFloat32(ReadOnlySpan<float> x, Span<float> cdf)
    {
        const float p = 0.3275911f, a1 = 0.254829592f, a2 = -0.284496736f, a3 = 1.421413741f, a4 = -1.453152027f, a5 = 1.061405429f;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<float>((float)InverseSqrt2);
            var one = Vector<float>.One;
            var half = new Vector<float>(0.5f);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var z = new Vector<float>(x.Slice(i)) * scale;
                var absolute = Vector.Abs(z);
                var t = one / (one + new Vector<float>(p) * absolute);
                var polynomial = t * (new Vector<float>(a1) + t * (new Vector<float>(a2) + t * (new Vector<float>(a3) + t * (new Vector<float>(a4) + t * new Vector<float>(a5)))));
                var erfAbsolute = one - polynomial * Vector.Exp(-absolute * absolute);
                var erf = Vector.ConditionalSelect(Vector.LessThan(z, Vector<float>.Zero), -erfAbsolute, erfAbsolute);
                (half * (one + erf)).CopyTo(cdf.Slice(i));
            }
        }
        for (; i < x.Length; i++)
        {
            float z = x[i] * (float)InverseSqrt2, absolute = MathF.Abs(z);
            float t = 1 / (1 + p * absolute);
            float erfAbsolute = 1 - t * (a1 + t * (a2 + t * (a3 + t * (a4 + t * a5)))) * MathF.Exp(-absolute * absolute);
            cdf[i] = 0.5f * (1 + (z < 0 ? -erfAbsolute : erfAbsolute));
        }
    }
}
