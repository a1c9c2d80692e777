namespace Playground.Model;

/// <summary>
/// How the chain rule made one weight's gradient in a step: ∂L/∂w = Σ over the batch of aᵢ · ∂L/∂hⱼ · f′(zⱼ), one
/// <see cref="ChainRuleTerm"/> per example, and the gradient the tape computed, which the sum equals up to float rounding.
/// </summary>
/// <param name="Weight">The weight explained.</param>
/// <param name="Activation">The layer's activation and its slope written with its output h, e.g. "tanh: f′(z) = 1 − h²".</param>
/// <param name="Terms">One term per example of the batch.</param>
/// <param name="Sum">Σ of the terms' products, in float64.</param>
/// <param name="LibraryGradient">The gradient the tape computed for this weight.</param>
/// <param name="Formula">The rule with the weight's indices, e.g. "∂L/∂w[0→3] = Σ_b a[b,0] · ∂L/∂h[b,3] · f′(z[b,3])".</param>
public sealed record ChainRule(WeightChoice Weight, string Activation, IReadOnlyList<ChainRuleTerm> Terms, double Sum, double LibraryGradient, string Formula);
