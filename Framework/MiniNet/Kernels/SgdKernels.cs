using System.Numerics;
using System.Runtime.InteropServices;

namespace MiniNet.Kernels;

/// <summary>The momentum-SGD update, fused: one pass over a variable updates its velocity and its weights together.</summary>
public static unsafe class SgdKernels
{
    /// <summary>
    /// PyTorch form: g' = g + weightDecay·w; v = momentum·v + g'; w -= learningRate·v
    /// (Nesterov: w -= learningRate·(g' + momentum·v) after the velocity update). With momentum 0 the velocity is not touched.
    /// </summary>
    /// <remarks>Large variables are split into contiguous ranges across <see cref="Engine.Threads"/> threads; each element's
    /// update is independent, so the result does not depend on the split.</remarks>
    public static void Step<T>(Span<T> weights, Span<T> velocity, ReadOnlySpan<T> gradient, T learningRate, T momentum, T weightDecay, bool nesterov)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int parts = KernelWorkers.ElementwiseParts(weights.Length);
        if (parts <= 1)
        {
            StepRange(weights, velocity, gradient, learningRate, momentum, weightDecay, nesterov);
            return;
        }
        fixed (T* w = weights, v = velocity, g = gradient)
        {
            var args = new StepArguments<T>
            {
                Weights = w, Velocity = v, Gradient = g, Length = weights.Length, Parts = parts, HasVelocity = !velocity.IsEmpty,
                LearningRate = learningRate, Momentum = momentum, WeightDecay = weightDecay, Nesterov = nesterov,
            };
            KernelWorkers.Run(parts, &StepPart<T>, &args);
        }
    }

    private struct StepArguments<T> where T : unmanaged
    {
        public T* Weights, Velocity, Gradient;
        public int Length, Parts;
        public bool HasVelocity, Nesterov;
        public T LearningRate, Momentum, WeightDecay;
    }

    private static void StepPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var a = ref *(StepArguments<T>*)state;
        var (start, length) = KernelWorkers.ElementwiseRange(a.Length, a.Parts, part);
        StepRange(new Span<T>(a.Weights + start, length), a.HasVelocity ? new Span<T>(a.Velocity + start, length) : Span<T>.Empty,
            new ReadOnlySpan<T>(a.Gradient + start, length), a.LearningRate, a.Momentum, a.WeightDecay, a.Nesterov);
    }

    private static void StepRange<T>(Span<T> weights, Span<T> velocity, ReadOnlySpan<T> gradient, T learningRate, T momentum, T weightDecay, bool nesterov)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool hasMomentum = momentum != T.Zero;
        int i = 0;
        // Vector<T> lanes run the same separate multiplies and adds as the scalar tail, so results do not depend on the width.
        if (Vector.IsHardwareAccelerated)
        {
            var lr = new Vector<T>(learningRate);
            var m = new Vector<T>(momentum);
            var decay = new Vector<T>(weightDecay);
            ref T w0 = ref MemoryMarshal.GetReference(weights);
            ref T v0 = ref MemoryMarshal.GetReference(velocity);
            ref T g0 = ref MemoryMarshal.GetReference(gradient);
            for (; i <= weights.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var w = Vector.LoadUnsafe(ref w0, (nuint)i);
                var g = Vector.LoadUnsafe(ref g0, (nuint)i) + decay * w;
                var step = g;
                if (hasMomentum)
                {
                    var v = m * Vector.LoadUnsafe(ref v0, (nuint)i) + g;
                    v.StoreUnsafe(ref v0, (nuint)i);
                    step = nesterov ? g + m * v : v;
                }
                (w - lr * step).StoreUnsafe(ref w0, (nuint)i);
            }
        }
        for (; i < weights.Length; i++)
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
