using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MiniNet.Kernels;

/// <summary>
/// <see cref="LayerNormalizationKernels"/>' rows in float32 on 512-bit vectors, for rows of whole vectors up to
/// <see cref="PrimitiveSums.MaxLength"/> (the GPT's width 128): the forward pass's mean, differences, variance and
/// γ·x̂ + β, and the backward pass's x̂, dy·γ, their two means and the update of dx, each a loop of whole vectors over the row
/// through pointers, where the generic path's loops take 256-bit vectors through bounds-checked span slices (on the GPT's
/// rows those loops cost more than their arithmetic). Each element is computed as the generic path computes it, step by
/// step with the same roundings, and the sums are <see cref="PrimitiveSums"/>', so the numbers are the same to the bit (a
/// test compares the two paths).
/// </summary>
internal static unsafe class LayerNormRows512
{
    private const int Lanes = 16;

    /// <summary>Whether this machine and a row of <paramref name="width"/> take this path.</summary>
    public static bool Fit(int width) => Avx512F.IsSupported && width % Lanes == 0 && PrimitiveSums.Fit(width);

    /// <summary>Rows [<paramref name="start"/>, <paramref name="end"/>): y = γ·((x − μ)·(1/σ)) + β, keeping μ and 1/σ. Rows go
    /// two at a time so that their sums, chains of dependent additions, run side by side.</summary>
    public static void Forward(float* x, float* gamma, float* beta, float* y, float* mean, float* inverseDeviation,
        int start, int end, int width, float epsilon)
    {
        for (int r = start; r < end; r += 2)
        {
            int second = Math.Min(r + 1, end - 1);  // a last row alone is its own pair, whose second half only reads
            float* row = x + (long)r * width, row2 = x + (long)second * width;
            float* output = y + (long)r * width, output2 = y + (long)second * width;
            var (mu, mu2) = PrimitiveSums.Sum(row, row2, width);
            (mu, mu2) = (mu / width, mu2 / width);
            Subtract(row, mu, output, width);
            if (second > r) Subtract(row2, mu2, output2, width);
            var (variance, variance2) = PrimitiveSums.Dot(output, output, output2, output2, width);
            float inverse = 1f / MathF.Sqrt(variance / width + epsilon), inverse2 = 1f / MathF.Sqrt(variance2 / width + epsilon);
            ScaleAndShift(output, inverse, gamma, beta, width);
            if (second > r) ScaleAndShift(output2, inverse2, gamma, beta, width);
            (mean[r], inverseDeviation[r], mean[second], inverseDeviation[second]) = (mu, inverse, mu2, inverse2);
        }
    }

    /// <summary>Rows [<paramref name="start"/>, <paramref name="end"/>): dx += (1/σ)·(dy·γ − mean(dy·γ) − x̂·mean(dy·γ·x̂)), two
    /// rows at a time as in <see cref="Forward"/>.</summary>
    public static void AddInputGradient(float* x, float* gamma, float* mean, float* inverseDeviation, float* dy, float* dx,
        int start, int end, int width)
    {
        const int most = PrimitiveSums.MaxLength;
        float* normalized = stackalloc float[2 * most], scaled = stackalloc float[2 * most];
        for (int r = start; r < end; r += 2)
        {
            int second = Math.Min(r + 1, end - 1);
            NormalizeAndScale(x + (long)r * width, gamma, mean[r], inverseDeviation[r], dy + (long)r * width, normalized, scaled, width);
            NormalizeAndScale(x + (long)second * width, gamma, mean[second], inverseDeviation[second], dy + (long)second * width,
                normalized + most, scaled + most, width);
            var (meanScaled, meanScaled2) = PrimitiveSums.Sum(scaled, scaled + most, width);
            var (meanScaledNormalized, meanScaledNormalized2) = PrimitiveSums.Dot(scaled, normalized, scaled + most, normalized + most, width);
            AddChange(dx + (long)r * width, inverseDeviation[r], scaled, normalized, meanScaled / width, meanScaledNormalized / width, width);
            if (second > r)
                AddChange(dx + (long)second * width, inverseDeviation[second], scaled + most, normalized + most,
                    meanScaled2 / width, meanScaledNormalized2 / width, width);
        }
    }

    /// <summary>difference = x − μ.</summary>
    private static void Subtract(float* x, float mu, float* difference, int width)
    {
        var means = Vector512.Create(mu);
        for (int j = 0; j < width; j += Lanes) (Vector512.Load(x + j) - means).Store(difference + j);
    }

    /// <summary>values = γ·(values·(1/σ)) + β: the product rounded, then one fused multiply-add.</summary>
    private static void ScaleAndShift(float* values, float inverse, float* gamma, float* beta, int width)
    {
        var inverses = Vector512.Create(inverse);
        for (int j = 0; j < width; j += Lanes)
            Avx512F.FusedMultiplyAdd(Vector512.Load(values + j) * inverses, Vector512.Load(gamma + j), Vector512.Load(beta + j)).Store(values + j);
    }

    /// <summary>normalized = (x − μ)·(1/σ), each step rounded, and scaled = dy·γ.</summary>
    private static void NormalizeAndScale(float* x, float* gamma, float mu, float inverse, float* dy, float* normalized, float* scaled, int width)
    {
        Vector512<float> means = Vector512.Create(mu), inverses = Vector512.Create(inverse);
        for (int j = 0; j < width; j += Lanes)
        {
            ((Vector512.Load(x + j) - means) * inverses).Store(normalized + j);
            (Vector512.Load(dy + j) * Vector512.Load(gamma + j)).Store(scaled + j);
        }
    }

    /// <summary>dx += (1/σ)·(scaled − mean(scaled) − normalized·mean(scaled·normalized)).</summary>
    private static void AddChange(float* gradient, float inverse, float* scaled, float* normalized, float meanScaled, float meanScaledNormalized, int width)
    {
        Vector512<float> inverses = Vector512.Create(inverse), means = Vector512.Create(meanScaled), meansNormalized = Vector512.Create(meanScaledNormalized);
        for (int j = 0; j < width; j += Lanes)
        {
            var change = inverses * (Vector512.Load(scaled + j) - means - Vector512.Load(normalized + j) * meansNormalized);
            (Vector512.Load(gradient + j) + change).Store(gradient + j);
        }
    }
}
