using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MiniNet.Kernels;

/// <summary>
/// <see cref="MaskedSoftmaxKernels"/>' rows in float32 on 512-bit vectors, for rows of whole vectors up to
/// <see cref="PrimitiveSums.MaxLength"/> keys (attention's): forward, the maximum, the shifted exponentials, their sum and the
/// division, and backward, Σ dy·y and the update, each over the row in registers, where the generic path makes five calls
/// and passes per row (on the GPT's rows of up to 64 keys, the library calls' own cost was about as large as their work).
/// Each element is computed as the generic path computes it: scale·x rounded before the maximum is subtracted, the vector
/// exponential TensorPrimitives uses (and <see cref="MathF.Exp(float)"/> for rows shorter than 4, as it does), sums in its
/// order (<see cref="PrimitiveSums"/>), so the numbers are the same to the bit (a test checks every visible length).
/// </summary>
internal static unsafe class SoftmaxRows512
{
    private const int Lanes = 16;

    /// <summary>Whether this machine and a row of <paramref name="keys"/> take this path.</summary>
    public static bool Fit(int keys) =>
        Avx512F.IsSupported && keys % Lanes == 0 && PrimitiveSums.Fit(keys);

    /// <summary>y = softmax(scale·x) over the first <paramref name="visible"/> of a row of <paramref name="keys"/>, 0 on the
    /// rest (y may be x).</summary>
    public static void Forward(float* x, float* y, int visible, int keys, float scale)
    {
        var scales = Vector512.Create(scale);
        var maxima = Vector512.Create(float.NegativeInfinity);
        for (int j = 0; j < visible; j += Lanes)
            maxima = Vector512.Max(maxima, Vector512.ConditionalSelect(FirstLanes(visible - j), Vector512.Load(x + j) * scales, maxima));
        var shift = Vector512.Create(Max(maxima));
        if (visible >= 4)
            for (int j = 0; j < visible; j += Lanes) Vector512.Exp(Vector512.Load(x + j) * scales - shift).Store(y + j);
        else
            for (int j = 0; j < visible; j++) y[j] = MathF.Exp(x[j] * scale - shift[0]);
        var sums = Vector512.Create(PrimitiveSums.Sum(y, visible));
        for (int j = 0; j < keys; j += Lanes)
            Vector512.ConditionalSelect(FirstLanes(visible - j), Vector512.Load(y + j) / sums, Vector512<float>.Zero).Store(y + j);
    }

    /// <summary>dx (+)= scale · y ⊙ (dy - Σ dy·y) over the first <paramref name="visible"/> of a row; with
    /// <paramref name="overwrite"/> dx is written (0 on the rest), else the rest is left as it is (dx may be dy).</summary>
    public static void Backward(float* y, float* dy, float* dx, int visible, int keys, float scale, bool overwrite)
    {
        var weighted = Vector512.Create(PrimitiveSums.Dot(dy, y, visible));
        var scales = Vector512.Create(scale);
        for (int j = 0; j < keys; j += Lanes)
        {
            if (j >= visible && !overwrite) break;
            var before = overwrite ? Vector512<float>.Zero : Vector512.Load(dx + j);
            var after = before + scales * Vector512.Load(y + j) * (Vector512.Load(dy + j) - weighted);
            Vector512.ConditionalSelect(FirstLanes(visible - j), after, before).Store(dx + j);
        }
    }

    /// <summary>A mask of the first <paramref name="count"/> lanes (all of them from 16, none below 1).</summary>
    private static Vector512<float> FirstLanes(int count) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();

    /// <summary>The largest lane (a maximum does not depend on the order it is taken in).</summary>
    private static float Max(Vector512<float> v)
    {
        var half = Vector256.Max(v.GetLower(), v.GetUpper());
        var quarter = Vector128.Max(half.GetLower(), half.GetUpper());
        return MathF.Max(MathF.Max(quarter[0], quarter[1]), MathF.Max(quarter[2], quarter[3]));
    }
}
