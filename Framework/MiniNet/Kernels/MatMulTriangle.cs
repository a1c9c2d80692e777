namespace MiniNet.Kernels;

/// <summary>
/// A triangle of a square matrix that a product leaves out, as causal attention lets it: a query never weighs a later key,
/// so of the scores q·kᵀ only the lower triangle is wanted, and the softmax's weights are zero above the diagonal. A product
/// told so computes (about) half the multiply-adds. The diagonal is always kept. Each mode is exact math, computed the same
/// way on every path, so the kept entries have the bits of the full product (a skipped term would only have added an exact
/// zero); the operands must be finite where a skipped term would have read them.
/// </summary>
public enum MatMulTriangle
{
    /// <summary>The whole product.</summary>
    None,

    /// <summary>C = tril(op(A))·op(B): op(A) (m×m) is read only on and below its diagonal, row i summing depths 0..i
    /// (attention's weights·v, and the scores' gradient times k).</summary>
    LowerA,

    /// <summary>C = triu(op(A))·op(B): op(A) (m×m) is read only on and above its diagonal, row i summing depths i..m-1 (the
    /// transposed weights times the output's gradient).</summary>
    UpperA,

    /// <summary>C = tril(op(A)·op(B)): only C's (m×m) entries on and below the diagonal are computed, the rest set to zero
    /// (attention's scores q·kᵀ, and the weights' gradient).</summary>
    LowerResult,
}
