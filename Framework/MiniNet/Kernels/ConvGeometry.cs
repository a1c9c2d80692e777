namespace MiniNet.Kernels;

/// <summary>
/// The sizes of one 2-D convolution, channels-last: input (batch, height, width, inChannels), kernel (kernelHeight,
/// kernelWidth, inChannels, outChannels), output (batch, outHeight, outWidth, outChannels). Output pixel (oy, ox) reads the
/// input window whose top-left corner is (oy·strideHeight - padTop, ox·strideWidth - padLeft); input pixels outside the
/// image count as zeros. The padding and output size are given, not derived, so the kernels know nothing of 'valid' or
/// 'same' (the op works them out).
/// </summary>
/// <param name="Batch">Images in the batch (N).</param>
/// <param name="Height">Input height (H).</param>
/// <param name="Width">Input width (W).</param>
/// <param name="InChannels">Input channels (Cin).</param>
/// <param name="KernelHeight">Kernel height (KH).</param>
/// <param name="KernelWidth">Kernel width (KW).</param>
/// <param name="OutChannels">Output channels, the number of filters (Cout).</param>
/// <param name="StrideHeight">Rows between neighbouring output rows' windows.</param>
/// <param name="StrideWidth">Columns between neighbouring output columns' windows.</param>
/// <param name="PadTop">Zero rows above the image.</param>
/// <param name="PadLeft">Zero columns left of the image.</param>
/// <param name="OutHeight">Output height (Ho).</param>
/// <param name="OutWidth">Output width (Wo).</param>
public readonly record struct ConvGeometry(
    int Batch, int Height, int Width, int InChannels,
    int KernelHeight, int KernelWidth, int OutChannels,
    int StrideHeight, int StrideWidth, int PadTop, int PadLeft, int OutHeight, int OutWidth)
{
    /// <summary>Output pixels of one image, Ho·Wo.</summary>
    public int OutPixels => OutHeight * OutWidth;

    /// <summary>Rows of the column matrix and of the output seen as a matrix: N·Ho·Wo, one per output pixel.</summary>
    public int Rows => Batch * OutPixels;

    /// <summary>Columns of the column matrix and rows of the kernel seen as a matrix: KH·KW·Cin, one per input value a
    /// window reads, in the kernel's own (ky, kx, c) order.</summary>
    public int Depth => KernelHeight * KernelWidth * InChannels;

    /// <summary>Elements of the input, N·H·W·Cin.</summary>
    public int InputLength => Batch * Height * Width * InChannels;

    /// <summary>Elements of the kernel, KH·KW·Cin·Cout.</summary>
    public int KernelLength => Depth * OutChannels;

    /// <summary>Elements of the output, N·Ho·Wo·Cout.</summary>
    public int OutputLength => Rows * OutChannels;

    /// <summary>Floating-point operations of one pass (forward, input gradient or weight gradient): a multiply and an add
    /// per output element per kernel weight it uses, 2·N·Ho·Wo·KH·KW·Cin·Cout.</summary>
    public double Flops => 2.0 * Rows * Depth * OutChannels;
}
