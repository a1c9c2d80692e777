namespace MiniNet.Benchmarks;

/// <summary>One matrix multiply C (m×n) = op(A)·op(B) to time, with its floating-point work.</summary>
/// <param name="M">Rows of op(A) and C.</param>
/// <param name="K">The summed dimension.</param>
/// <param name="N">Columns of op(B) and C.</param>
/// <param name="TransposeA">A is stored k×m and read transposed (the weight gradient Aᵀ·dY of a dense layer).</param>
public sealed record MatMulShape(int M, int K, int N, bool TransposeA = false)
{
    /// <summary>Floating-point operations of one multiply: a multiply and an add per (i, p, j).</summary>
    public double Flops => 2.0 * M * K * N;

    /// <summary>The shape as the benchmark table shows it, e.g. <c>784x64·64x128 (AᵀB)</c>.</summary>
    public override string ToString() => $"{M}x{K}·{K}x{N}" + (TransposeA ? " (AᵀB)" : "");
}
