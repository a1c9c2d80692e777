using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Diagnostics;

/// <summary>
/// Floating-point operations of the ops that are products, counted as PyTorch's flop counter does: a multiply-add is 2, an
/// element-wise op is not counted. A matrix product (m×k)·(k×n) is 2·m·k·n; a convolution is 2·N·Ho·Wo·Cout·KH·KW·Cin. The
/// backward pass computes one product of the same size per input that wants a gradient (dA and dB; the kernel's and the
/// image's, not a fused bias's), so a first layer, whose input is data, costs one forward's worth and a layer inside the network two.
/// Attention (q·kᵀ and weights·v, and four products backward) is counted whole, as PyTorch counts it, though a causal
/// product skips the masked triangle, so its GFLOP/s are an effective rate.
/// </summary>
public static class OpFlops
{
    /// <summary>The forward pass's operations, or null when <paramref name="op"/> is not a product.</summary>
    public static long? Forward(Op op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return op switch
        {
            MatMulOp => 2L * op.Inputs[0].Shape[0] * op.Inputs[0].Shape[1] * op.Inputs[1].Shape[1],
            BatchedMatMulOp => 2L * op.Output.Length * op.Inputs[0].Shape[^1],
            AttentionOp => 4L * op.Output.Length * op.Inputs[1].Shape[^2],
            Conv2DOp or Conv2DBiasReluOp => 2L * op.Output.Length * op.Inputs[1].Shape[0] * op.Inputs[1].Shape[1] * op.Inputs[1].Shape[2],
            Conv2DBiasReluMaxPoolOp pooled => 2L * pooled.ConvolutionOutputs * op.Inputs[1].Shape[0] * op.Inputs[1].Shape[1] * op.Inputs[1].Shape[2],
            _ => null,
        };
    }

    /// <summary>The backward pass's operations, one forward's worth per input for which <paramref name="wantsGradient"/> is true,
    /// or null when <paramref name="op"/> is not a product.</summary>
    public static long? Backward(Op op, Func<Tensor, bool> wantsGradient)
    {
        ArgumentNullException.ThrowIfNull(wantsGradient);
        if (op is AttentionOp) return op.Inputs.Any(wantsGradient) ? 2 * Forward(op) : 0; // its four products, whichever input asks
        return Forward(op) * op.Inputs.Take(2).Count(wantsGradient); // a bias's gradient is a sum, not a product
    }
}
