using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// <c>TensorPrimitives.Sum</c> and <c>TensorPrimitives.Dot</c> of float32 spans of at most <see cref="MaxLength"/>, adding
/// in the library's own order on a machine with 512-bit vectors, so that a kernel holding a short row can sum it without a
/// call per row and still get the library's bits (a test compares the two at every length up to the limit). That order: for
/// 16 or more, lane-wise sums of the whole 16-float vectors from the front, then the last 16 floats with the lanes already
/// added masked to zero, then the vector's horizontal sum; for 4 to 15, one 128- or 256-bit vector from the front plus,
/// if it does not cover them all, one from the back masked the same way; below 4, one float at a time from the last.
/// </summary>
internal static unsafe class PrimitiveSums
{
    /// <summary>The longest span summed here; longer ones take the library's aligned loop, which is not re-created.</summary>
    public const int MaxLength = 128;

    /// <summary>Whether a float32 span of <paramref name="length"/> is summed here: 512-bit vectors (whose order this is) and
    /// at most <see cref="MaxLength"/>.</summary>
    public static bool Fit(int length) => Vector512.IsHardwareAccelerated && length <= MaxLength;

    /// <summary><c>TensorPrimitives.Sum(x)</c>, here when it fits.</summary>
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(float) || !Fit(x.Length)) return TensorPrimitives.Sum(x);
        fixed (T* xs = x)
        {
            float sum = Sum((float*)xs, x.Length);
            return Unsafe.As<float, T>(ref sum);
        }
    }

    /// <summary><c>TensorPrimitives.Dot(x, y)</c>, here when it fits.</summary>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(float) || !Fit(x.Length) || y.Length != x.Length) return TensorPrimitives.Dot(x, y);
        fixed (T* xs = x, ys = y)
        {
            float dot = Dot((float*)xs, (float*)ys, x.Length);
            return Unsafe.As<float, T>(ref dot);
        }
    }

    /// <summary>Σ x[i] for i &lt; <paramref name="length"/>, as <c>TensorPrimitives.Sum</c> adds it.</summary>
    public static float Sum(float* x, int length) => Add<Values>(x, null, length);

    /// <summary>Σ x[i]·y[i] for i &lt; <paramref name="length"/>, as <c>TensorPrimitives.Dot</c> adds it (each product rounded
    /// before it is added).</summary>
    public static float Dot(float* x, float* y, int length) => Add<Products>(x, y, length);

    /// <summary><see cref="Sum(float*, int)"/> of two spans of one length, their additions interleaved (two independent
    /// chains, so each waits less on the other's latency).</summary>
    public static (float First, float Second) Sum(float* x, float* x2, int length) => Add<Values>(x, null, x2, null, length);

    /// <summary><see cref="Dot(float*, float*, int)"/> of two pairs of spans of one length, their additions interleaved.</summary>
    public static (float First, float Second) Dot(float* x, float* y, float* x2, float* y2, int length) => Add<Products>(x, y, x2, y2, length);

    private static (float, float) Add<TTerms>(float* x, float* y, float* x2, float* y2, int n) where TTerms : struct, ITerms
    {
        if (n < 16) return (Add<TTerms>(x, y, n), Add<TTerms>(x2, y2, n));
        Vector512<float> sums = Vector512<float>.Zero + TTerms.Load512(x, y, 0), sums2 = Vector512<float>.Zero + TTerms.Load512(x2, y2, 0);
        for (int i = 16; i + 16 <= n; i += 16)
        {
            sums += TTerms.Load512(x, y, i);
            sums2 += TTerms.Load512(x2, y2, i);
        }
        sums += LastTerms512<TTerms>(x, y, n);
        sums2 += LastTerms512<TTerms>(x2, y2, n);
        return (Vector512.Sum(sums), Vector512.Sum(sums2));
    }

    private static float Add<TTerms>(float* x, float* y, int n) where TTerms : struct, ITerms
    {
        if (n >= 16)
        {
            var sums = Vector512<float>.Zero + TTerms.Load512(x, y, 0);
            for (int i = 16; i + 16 <= n; i += 16) sums += TTerms.Load512(x, y, i);
            sums += LastTerms512<TTerms>(x, y, n);
            return Vector512.Sum(sums);
        }
        if (n == 8) return Vector256.Sum(TTerms.Load256(x, y, 0));
        if (n > 8)
            return Vector256.Sum(TTerms.Load256(x, y, 0) +
                Vector256.ConditionalSelect(LastLanes256(n % 8), TTerms.Load256(x, y, n - 8), Vector256<float>.Zero));
        if (n == 4) return Vector128.Sum(TTerms.Load128(x, y, 0));
        if (n > 4)
            return Vector128.Sum(TTerms.Load128(x, y, 0) +
                Vector128.ConditionalSelect(LastLanes128(n % 4), TTerms.Load128(x, y, n - 4), Vector128<float>.Zero));
        float sum = 0;
        for (int i = n - 1; i >= 0; i--) sum += TTerms.Term(x, y, i);
        return sum;
    }

    /// <summary>The last 16 terms of n ≥ 16, those the whole vectors from the front did not add kept, the rest zero.</summary>
    private static Vector512<float> LastTerms512<TTerms>(float* x, float* y, int n) where TTerms : struct, ITerms =>
        Vector512.ConditionalSelect(LastLanes512(n % 16), TTerms.Load512(x, y, n - 16), Vector512<float>.Zero);

    // Masks keeping the last `count` lanes of a vector: the floats a vector loaded from the back adds that the ones before
    // it did not.
    private static Vector512<float> LastLanes512(int count) =>
        Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(16 - count)).AsSingle();

    private static Vector256<float> LastLanes256(int count) =>
        Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(8 - count)).AsSingle();

    private static Vector128<float> LastLanes128(int count) =>
        Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create(4 - count)).AsSingle();

    /// <summary>What is summed at index i: x[i], or x[i]·y[i].</summary>
    private interface ITerms
    {
        static abstract float Term(float* x, float* y, int i);
        static abstract Vector128<float> Load128(float* x, float* y, int i);
        static abstract Vector256<float> Load256(float* x, float* y, int i);
        static abstract Vector512<float> Load512(float* x, float* y, int i);
    }

    private readonly struct Values : ITerms
    {
        public static float Term(float* x, float* y, int i) => x[i];
        public static Vector128<float> Load128(float* x, float* y, int i) => Vector128.Load(x + i);
        public static Vector256<float> Load256(float* x, float* y, int i) => Vector256.Load(x + i);
        public static Vector512<float> Load512(float* x, float* y, int i) => Vector512.Load(x + i);
    }

    private readonly struct Products : ITerms
    {
        public static float Term(float* x, float* y, int i) => x[i] * y[i];
        public static Vector128<float> Load128(float* x, float* y, int i) => Vector128.Load(x + i) * Vector128.Load(y + i);
        public static Vector256<float> Load256(float* x, float* y, int i) => Vector256.Load(x + i) * Vector256.Load(y + i);
        public static Vector512<float> Load512(float* x, float* y, int i) => Vector512.Load(x + i) * Vector512.Load(y + i);
    }
}
