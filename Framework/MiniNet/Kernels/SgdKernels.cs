using System.Numerics;

namespace MiniNet.Kernels;

/// <summary>The momentum-SGD update, fused: one pass over a variable updates its velocity and its weights together.</summary>
public static class SgdKernels
{
    /// <summary>
    /// PyTorch form: g' = g + weightDecay·w; v = momentum·v + g'; w -= learningRate·v
    /// (Nesterov: w -= learningRate·(g' + momentum·v) after the velocity update). With momentum 0 the velocity is not touched.
    /// </summary>
    public static void Step<T>(Span<T> weights, Span<T> velocity, ReadOnlySpan<T> gradient, T learningRate, T momentum, T weightDecay, bool nesterov)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool hasMomentum = momentum != T.Zero;
        for (int i = 0; i < weights.Length; i++)
        {
            T g = gradient[i] + weightDecay * weights[i];
            T step = g;
            if (hasMomentum)
            {
                T v = momentum * velocity[i] + g;
                velocity[i] = v;
                step = nesterov ? g + momentum * v : v;
            }
            weights[i] -= learningRate * step;
        }
    }

    /// <summary>
    /// Keras form: g' = g + weightDecay·w; v = momentum·v - learningRate·g'; w += v
    /// (Nesterov: w += momentum·v - learningRate·g' after the velocity update).
    /// </summary>
    public static void KerasStep<T>(Span<T> weights, Span<T> velocity, ReadOnlySpan<T> gradient, T learningRate, T momentum, T weightDecay, bool nesterov)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < weights.Length; i++)
        {
            T g = gradient[i] + weightDecay * weights[i];
            T v = momentum * velocity[i] - learningRate * g;
            velocity[i] = v;
            weights[i] += nesterov ? momentum * v - learningRate * g : v;
        }
    }
}
