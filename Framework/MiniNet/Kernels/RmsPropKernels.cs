using System.Numerics;

namespace MiniNet.Kernels;

/// <summary>The RMSprop update, fused: one pass over a variable updates its running averages, its velocity and its weights.</summary>
public static class RmsPropKernels
{
    /// <summary>
    /// One RMSprop step as torch.optim.RMSprop computes it (Hinton's lecture 6e; centered: Graves 2013):
    /// g' = g + weightDecay·w; s = α·s + (1-α)·g'²; centered: a = α·a + (1-α)·g', d = √(s - a²) + ε, else d = √s + ε;
    /// with momentum: v = momentum·v + g'/d, w ← w - learningRate·v; without: w ← w - learningRate·g'/d.
    /// The span <paramref name="gradAvg"/> is used only when centered, <paramref name="velocity"/> only when momentum ≠ 0.
    /// </summary>
    public static void Step<T>(Span<T> weights, ReadOnlySpan<T> gradient, Span<T> squareAvg, Span<T> gradAvg, Span<T> velocity,
        T learningRate, T alpha, T epsilon, T weightDecay, T momentum, bool centered)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool hasMomentum = momentum != T.Zero;
        for (int i = 0; i < weights.Length; i++)
        {
            T g = gradient[i] + weightDecay * weights[i];
            T s = alpha * squareAvg[i] + (T.One - alpha) * g * g;
            squareAvg[i] = s;
            T meanSquare = s;
            if (centered)
            {
                T a = alpha * gradAvg[i] + (T.One - alpha) * g;
                gradAvg[i] = a;
                meanSquare = s - a * a;
            }
            T step = g / (T.Sqrt(meanSquare) + epsilon);
            if (hasMomentum) step = velocity[i] = momentum * velocity[i] + step;
            weights[i] -= learningRate * step;
        }
    }
}
