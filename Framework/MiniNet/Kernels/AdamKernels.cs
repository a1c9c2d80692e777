using System.Numerics;

namespace MiniNet.Kernels;

/// <summary>The Adam and AdamW updates, fused: one pass over a variable updates both moment estimates and the weights.</summary>
public static class AdamKernels
{
    /// <summary>
    /// One Adam step t (counted from 1) as torch.optim.Adam/AdamW compute it. Weight decay is either L2 (Adam: g' = g + weightDecay·w)
    /// or decoupled (AdamW: w ← w - learningRate·weightDecay·w first, g' = g). Then m = β1·m + (1-β1)·g'; v = β2·v + (1-β2)·g'²;
    /// w ← w - (learningRate / (1-β1ᵗ)) · m / (√v / √(1-β2ᵗ) + ε): ε is added after the square root of the bias-corrected v.
    /// </summary>
    public static void Step<T>(Span<T> weights, ReadOnlySpan<T> gradient, Span<T> expAvg, Span<T> expAvgSq, T learningRate,
        T beta1, T beta2, T epsilon, T weightDecay, bool decoupledWeightDecay, long step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T t = T.CreateChecked(step);
        T stepSize = learningRate / (T.One - T.Pow(beta1, t));
        T biasCorrection2Sqrt = T.Sqrt(T.One - T.Pow(beta2, t));
        T decayFactor = decoupledWeightDecay ? T.One - learningRate * weightDecay : T.One;
        T l2 = decoupledWeightDecay ? T.Zero : weightDecay;
        for (int i = 0; i < weights.Length; i++)
        {
            T w = weights[i] * decayFactor;
            T g = gradient[i] + l2 * weights[i];
            T m = beta1 * expAvg[i] + (T.One - beta1) * g;
            T v = beta2 * expAvgSq[i] + (T.One - beta2) * g * g;
            expAvg[i] = m;
            expAvgSq[i] = v;
            weights[i] = w - stepSize * (m / (T.Sqrt(v) / biasCorrection2Sqrt + epsilon));
        }
    }
}
