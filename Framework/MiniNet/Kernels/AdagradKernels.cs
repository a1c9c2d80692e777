using System.Numerics;

namespace MiniNet.Kernels;

/// <summary>The Adagrad update, fused: one pass over a variable updates its sum of squared gradients and its weights.</summary>
public static class AdagradKernels
{
    /// <summary>
    /// One Adagrad step t (counted from 1) as torch.optim.Adagrad computes it (Duchi, Hazan and Singer, 2011):
    /// g' = g + weightDecay·w; rate = learningRate / (1 + (t - 1)·learningRateDecay); sum = sum + g'²; w ← w - rate·g' / (√sum + ε).
    /// </summary>
    public static void Step<T>(Span<T> weights, ReadOnlySpan<T> gradient, Span<T> sum, T learningRate, T learningRateDecay,
        T epsilon, T weightDecay, long step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T rate = learningRate / (T.One + T.CreateChecked(step - 1) * learningRateDecay);
        for (int i = 0; i < weights.Length; i++)
        {
            T g = gradient[i] + weightDecay * weights[i];
            T s = sum[i] + g * g;
            sum[i] = s;
            weights[i] -= rate * g / (T.Sqrt(s) + epsilon);
        }
    }
}
