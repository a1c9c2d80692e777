namespace MiniNet.Kernels;

/// <summary>
/// Where the windows of a 2-D pooling lie over a channels-last batch x (batch, height, width, channels), giving
/// y (batch, outputHeight, outputWidth, channels). Window (i, j) covers input rows i·strideHeight − padTop … + poolHeight − 1
/// and columns j·strideWidth − padLeft … + poolWidth − 1; the part of it outside the input is padding, which pooling ignores.
/// </summary>
/// <param name="Batch">Examples in the batch.</param>
/// <param name="Height">Input rows.</param>
/// <param name="Width">Input columns.</param>
/// <param name="Channels">Channels, the contiguous last axis.</param>
/// <param name="PoolHeight">Window rows.</param>
/// <param name="PoolWidth">Window columns.</param>
/// <param name="StrideHeight">Rows between the tops of neighbouring windows.</param>
/// <param name="StrideWidth">Columns between the left edges of neighbouring windows.</param>
/// <param name="PadTop">Padding rows above the input.</param>
/// <param name="PadLeft">Padding columns left of the input.</param>
/// <param name="OutputHeight">Window rows in the output.</param>
/// <param name="OutputWidth">Window columns in the output.</param>
public readonly record struct PoolingGeometry(int Batch, int Height, int Width, int Channels, int PoolHeight, int PoolWidth,
    int StrideHeight, int StrideWidth, int PadTop, int PadLeft, int OutputHeight, int OutputWidth)
{
    /// <summary>Elements of one input example, H·W·C.</summary>
    public int InputExampleLength => Height * Width * Channels;

    /// <summary>Elements of one output example, outputHeight·outputWidth·C.</summary>
    public int OutputExampleLength => OutputHeight * OutputWidth * Channels;

    /// <summary>The input rows [Start, End) that window row <paramref name="i"/> covers, clipped to the input.</summary>
    public (int Start, int End) Rows(int i)
    {
        int top = i * StrideHeight - PadTop;
        return (Math.Max(top, 0), Math.Min(top + PoolHeight, Height));
    }

    /// <summary>The input columns [Start, End) that window column <paramref name="j"/> covers, clipped to the input.</summary>
    public (int Start, int End) Columns(int j)
    {
        int left = j * StrideWidth - PadLeft;
        return (Math.Max(left, 0), Math.Min(left + PoolWidth, Width));
    }
}
