using System.Numerics;
using System.Runtime.InteropServices;

namespace MiniNet.Kernels;

/// <summary>The Adam and AdamW updates, fused: one pass over a variable updates both moment estimates and the weights.</summary>
public static unsafe class AdamKernels
{
    /// <summary>
    /// One Adam step t (counted from 1) as torch.optim.Adam/AdamW compute it. Weight decay is either L2 (Adam: g' = g + weightDecay·w)
    /// or decoupled (AdamW: w ← w - learningRate·weightDecay·w first, g' = g). Then m = β1·m + (1-β1)·g'; v = β2·v + (1-β2)·g'²;
    /// w ← w - (learningRate / (1-β1ᵗ)) · m / (√v / √(1-β2ᵗ) + ε): ε is added after the square root of the bias-corrected v.
    /// </summary>
    /// <remarks>Large variables are split into contiguous ranges across <see cref="Engine.Threads"/> threads; each element's
    /// update is independent, so the result does not depend on the split.</remarks>
    public static void Step<T>(Span<T> weights, ReadOnlySpan<T> gradient, Span<T> expAvg, Span<T> expAvgSq, T learningRate,
        T beta1, T beta2, T epsilon, T weightDecay, bool decoupledWeightDecay, long step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T t = T.CreateChecked(step);
        var coefficients = new Coefficients<T>
        {
            StepSize = learningRate / (T.One - T.Pow(beta1, t)),
            BiasCorrection2Sqrt = T.Sqrt(T.One - T.Pow(beta2, t)),
            DecayFactor = decoupledWeightDecay ? T.One - learningRate * weightDecay : T.One,
            L2 = decoupledWeightDecay ? T.Zero : weightDecay,
            Beta1 = beta1, Beta2 = beta2, Epsilon = epsilon,
        };
        int parts = KernelWorkers.ElementwiseParts(weights.Length);
        if (parts <= 1)
        {
            StepRange(weights, gradient, expAvg, expAvgSq, coefficients);
            return;
        }
        fixed (T* w = weights, g = gradient, m = expAvg, v = expAvgSq)
        {
            var args = new StepArguments<T> { Weights = w, Gradient = g, ExpAvg = m, ExpAvgSq = v, Length = weights.Length, Parts = parts, Coefficients = coefficients };
            KernelWorkers.Run(parts, &StepPart<T>, &args);
        }
    }

    private struct Coefficients<T> where T : unmanaged
    {
        public T StepSize, BiasCorrection2Sqrt, DecayFactor, L2, Beta1, Beta2, Epsilon;
    }

    private struct StepArguments<T> where T : unmanaged
    {
        public T* Weights, Gradient, ExpAvg, ExpAvgSq;
        public int Length, Parts;
        public Coefficients<T> Coefficients;
    }

    private static void StepPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var a = ref *(StepArguments<T>*)state;
        var (start, length) = KernelWorkers.ElementwiseRange(a.Length, a.Parts, part);
        StepRange(new Span<T>(a.Weights + start, length), new ReadOnlySpan<T>(a.Gradient + start, length),
            new Span<T>(a.ExpAvg + start, length), new Span<T>(a.ExpAvgSq + start, length), a.Coefficients);
    }

    private static void StepRange<T>(Span<T> weights, ReadOnlySpan<T> gradient, Span<T> expAvg, Span<T> expAvgSq, in Coefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T oneMinusBeta1 = T.One - c.Beta1, oneMinusBeta2 = T.One - c.Beta2;
        int i = 0;
        // Vector<T> lanes run the same separate multiplies, adds, square roots and divisions as the scalar tail, in the same
        // order, so results do not depend on the width.
        if (Vector.IsHardwareAccelerated && !Engine.Interpreted) // interpreted (the browser), the scalar loop is faster
        {
            ref T w0 = ref MemoryMarshal.GetReference(weights);
            ref T g0 = ref MemoryMarshal.GetReference(gradient);
            ref T m0 = ref MemoryMarshal.GetReference(expAvg);
            ref T v0 = ref MemoryMarshal.GetReference(expAvgSq);
            Vector<T> decayFactor = new(c.DecayFactor), l2 = new(c.L2), beta1 = new(c.Beta1), beta2 = new(c.Beta2),
                rest1 = new(oneMinusBeta1), rest2 = new(oneMinusBeta2), stepSize = new(c.StepSize),
                correction = new(c.BiasCorrection2Sqrt), epsilon = new(c.Epsilon);
            for (; i <= weights.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var weight = Vector.LoadUnsafe(ref w0, (nuint)i);
                var w = weight * decayFactor;
                var g = Vector.LoadUnsafe(ref g0, (nuint)i) + l2 * weight;
                var m = beta1 * Vector.LoadUnsafe(ref m0, (nuint)i) + rest1 * g;
                var v = beta2 * Vector.LoadUnsafe(ref v0, (nuint)i) + rest2 * g * g;
                m.StoreUnsafe(ref m0, (nuint)i);
                v.StoreUnsafe(ref v0, (nuint)i);
                (w - stepSize * (m / (Vector.SquareRoot(v) / correction + epsilon))).StoreUnsafe(ref w0, (nuint)i);
            }
        }
        for (; i < weights.Length; i++)
        {
            T w = weights[i] * c.DecayFactor;
            T g = gradient[i] + c.L2 * weights[i];
            T m = c.Beta1 * expAvg[i] + oneMinusBeta1 * g;
            T v = c.Beta2 * expAvgSq[i] + oneMinusBeta2 * g * g;
            expAvg[i] = m;
            expAvgSq[i] = v;
            weights[i] = w - c.StepSize * (m / (T.Sqrt(v) / c.BiasCorrection2Sqrt + c.Epsilon));
        }
    }
}
