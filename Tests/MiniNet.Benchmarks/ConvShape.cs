using MiniNet.Kernels;
using MiniNet.Ops;

namespace MiniNet.Benchmarks;

/// <summary>One convolution to time: a name, the input (N, H, W, Cin) and kernel (KH, KW, Cin, Cout) shapes, stride 1,
/// valid padding.</summary>
/// <param name="Name">What the convolution is in the network, e.g. <c>conv2</c>.</param>
/// <param name="Input">(N, H, W, Cin).</param>
/// <param name="Kernel">(KH, KW, Cin, Cout).</param>
public sealed record ConvShape(string Name, int[] Input, int[] Kernel)
{
    /// <summary>The sizes the kernels take.</summary>
    public ConvGeometry Geometry => Conv2DOp.Geometry(Input, Kernel, 1, 1, Padding.Valid);

    /// <summary>Floating-point operations of one pass, 2·N·Ho·Wo·KH·KW·Cin·Cout (the same for all three passes).</summary>
    public double Flops => Geometry.Flops;

    /// <summary>The name and the input's height, width and channels, e.g. <c>conv2 13x13x32</c>: BenchmarkDotNet cuts a
    /// parameter's text at 20 characters, so the table cannot show both shapes.</summary>
    public override string ToString() => $"{Name} {Input[1]}x{Input[2]}x{Input[3]}";
}
