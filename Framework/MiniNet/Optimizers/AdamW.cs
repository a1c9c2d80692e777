using MiniNet.Tensors;

namespace MiniNet.Optimizers;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov and Hutter, 2019) as torch.optim.AdamW defines it: before the Adam step the
/// weights shrink by w ← w - lr·weightDecay·w, and the gradient is used as it is, so the decay is not rescaled by Adam's
/// per-element step size as an L2 penalty would be. Otherwise exactly <see cref="Adam"/>, with the same slots.
/// <para>nanoGPT decays only the 2-D weights (matrices and embedding tables), not biases or normalization scales; say so in
/// one line with <c>new AdamW(1e-3, weightDecay: 0.1, decayWhere: variable => variable.Rank &gt;= 2)</c>, as PyTorch does
/// with two parameter groups.</para>
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer with PyTorch's defaults (weight decay 0.01), validating every hyper-parameter.</summary>
    /// <param name="learningRate">Step size lr, finite and ≥ 0.</param>
    /// <param name="beta1">Decay rate β1 of the gradient average m, in [0, 1).</param>
    /// <param name="beta2">Decay rate β2 of the squared-gradient average v, in [0, 1).</param>
    /// <param name="epsilon">ε added to the denominator after the square root; ≥ 0.</param>
    /// <param name="weightDecay">Decoupled decay coefficient: each step multiplies the weights by 1 - lr·weightDecay; ≥ 0.</param>
    /// <param name="decayWhere">Which variables decay; null for all. The others take the plain Adam step.</param>
    public AdamW(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.01,
        Func<Variable, bool>? decayWhere = null)
        : base(learningRate, beta1, beta2, epsilon, weightDecay, decoupledWeightDecay: true, decayWhere) { }
}
