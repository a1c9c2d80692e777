namespace MiniNet.Ops;

/// <summary>An element-wise activation whose derivative can be read off its output, so <see cref="BiasActivationOp"/> can run it
/// in the same op as the bias add.</summary>
public enum FusibleActivation
{
    /// <summary>max(x, 0).</summary>
    Relu,

    /// <summary>1 / (1 + e^-x).</summary>
    Sigmoid,

    /// <summary>tanh x.</summary>
    Tanh,
}
