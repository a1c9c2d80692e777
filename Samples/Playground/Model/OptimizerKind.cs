namespace Playground.Model;

/// <summary>The optimizers the playground offers, each one of the library's own (see <see cref="OptimizerKinds"/>).</summary>
public enum OptimizerKind
{
    /// <summary>Plain gradient descent: w = w − lr·g.</summary>
    Sgd,

    /// <summary>Momentum as PyTorch writes it: v = m·v + g; w = w − lr·v.</summary>
    MomentumPyTorch,

    /// <summary>Momentum as Keras writes it: v = m·v − lr·g; w = w + v.</summary>
    MomentumKeras,

    /// <summary>Nesterov momentum, PyTorch form: v = m·v + g; w = w − lr·(g + m·v).</summary>
    Nesterov,

    /// <summary>Adam (Kingma and Ba, 2015) with β₁ 0.9, β₂ 0.999, ε 1e-8.</summary>
    Adam,
}
