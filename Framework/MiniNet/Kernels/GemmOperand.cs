namespace MiniNet.Kernels;

/// <summary>
/// One operand of the multiply seen as a grid of lanes × depth: element (lane, p) is at
/// <c>Data[lane·LaneStride + p·DepthStride]</c>. For op(A) the lanes are its rows; for op(B) its columns. A transpose is only
/// a swap of the two strides, which is how Aᵀ·B and A·Bᵀ are read in place.
/// </summary>
internal readonly unsafe struct GemmOperand(float* data, nint laneStride, nint depthStride)
{
    /// <summary>Address of element (0, 0).</summary>
    public readonly float* Data = data;

    /// <summary>Distance in elements between neighbouring lanes (rows of op(A), columns of op(B)).</summary>
    public readonly nint LaneStride = laneStride;

    /// <summary>Distance in elements between neighbouring steps of the summed dimension.</summary>
    public readonly nint DepthStride = depthStride;

    /// <summary>The same operand from depth step <paramref name="p0"/> on.</summary>
    public GemmOperand FromDepth(int p0) => new(Data + p0 * DepthStride, LaneStride, DepthStride);
}
