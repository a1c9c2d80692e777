namespace MiniNet.Ops;

/// <summary>An element-wise activation that <see cref="BiasActivationOp"/> runs in the same op as the bias add: ReLU, sigmoid
/// and tanh read their derivative off the output; GELU reads it off the op's input.</summary>
public enum FusibleActivation
{
    /// <summary>max(x, 0).</summary>
    Relu,

    /// <summary>1 / (1 + e^-x).</summary>
    Sigmoid,

    /// <summary>tanh x.</summary>
    Tanh,

    /// <summary>x·Φ(x), exact (see <see cref="Kernels.GeluKernels"/>).</summary>
    Gelu,

    /// <summary>x·Φ(x) with Φ tanh-approximated, as GPT-2.</summary>
    GeluTanh,
}
