namespace Playground.Model;

/// <summary>One number of the backprop-by-hand walk-through.</summary>
/// <param name="Name">What the number is, e.g. "∂L/∂z".</param>
/// <param name="Formula">How it is computed, with the numbers put in, e.g. "∂L/∂ŷ · ∂ŷ/∂z = 0.2 · 0.25".</param>
/// <param name="Value">The number, as the library computed it.</param>
/// <param name="Explanation">What it means, in a sentence.</param>
public sealed record HandStep(string Name, string Formula, double Value, string Explanation);
