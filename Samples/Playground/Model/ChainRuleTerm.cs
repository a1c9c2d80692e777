namespace Playground.Model;

/// <summary>One example's share of a weight's gradient: <paramref name="Input"/> aᵢ (the unit the weight reads),
/// <paramref name="OutputGradient"/> ∂L/∂hⱼ (the loss's gradient at the unit it feeds), <paramref name="ActivationSlope"/>
/// f′(zⱼ), and their product.</summary>
public sealed record ChainRuleTerm(int Example, double Input, double OutputGradient, double ActivationSlope, double Product);
