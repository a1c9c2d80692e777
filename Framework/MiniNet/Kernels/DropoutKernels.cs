using System.Numerics;
using System.Runtime.Intrinsics;

namespace MiniNet.Kernels;

/// <summary>
/// Inverted dropout's mask, drawn by a counter-based generator: whether element i of a step's tensor is kept is a pure
/// function of (seed, step, i), the SplitMix64 finaliser (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", 2014) applied to the step's stream key plus i·γ. Nothing is stored between steps, so the mask of step k is
/// the same in a run resumed from a checkpoint as in one that never stopped, the backward pass redraws the forward pass's
/// mask, and a tensor split across threads gets the same mask as on one thread.
/// </summary>
public static unsafe class DropoutKernels
{
    /// <summary>SplitMix64's increment, ⌊2⁶⁴/φ⌋.</summary>
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    /// <summary>The key of the mask stream of <paramref name="step"/> under <paramref name="seed"/>.</summary>
    public static ulong StreamKey(long seed, long step) => Mix(Mix((ulong)seed + Gamma) + (ulong)step * Gamma);

    /// <summary>The threshold <see cref="Keeps"/> compares 53 random bits with: keepProbability·2⁵³.</summary>
    public static ulong KeepThreshold(double keepProbability) => (ulong)(keepProbability * 9007199254740992.0);

    /// <summary>Whether element <paramref name="index"/> of the stream <paramref name="streamKey"/> is kept: its 53 top random
    /// bits, read as a fraction of 2⁵³, fall below the keep probability.</summary>
    public static bool Keeps(ulong streamKey, long index, ulong keepThreshold) =>
        Mix(streamKey + (ulong)(index + 1) * Gamma) >> 11 < keepThreshold;

    /// <summary>y[i] = x[i]·scale where element i is kept, else 0 (the backward pass's contribution is the same, dy·mask·scale).</summary>
    /// <exception cref="ArgumentException">The spans' lengths differ.</exception>
    public static void MaskAndScale<T>(ReadOnlySpan<T> x, Span<T> y, ulong streamKey, ulong keepThreshold, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) throw new ArgumentException($"dropout: x has {x.Length} elements but y has {y.Length}", nameof(y));
        int parts = KernelWorkers.ElementwiseParts(x.Length);
        fixed (T* from = x, to = y)
        {
            var mask = new Mask<T> { X = from, Y = to, Length = x.Length, Parts = parts, Key = streamKey, Threshold = keepThreshold, Scale = scale };
            if (parts <= 1) MaskPart<T>(&mask, 0);
            else KernelWorkers.Run(parts, &MaskPart<T>, &mask);
        }
    }

    private struct Mask<T> where T : unmanaged
    {
        public T* X, Y;
        public int Length, Parts;
        public ulong Key, Threshold;
        public T Scale;
    }

    private static void MaskPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var m = ref *(Mask<T>*)state;
        var (start, length) = KernelWorkers.ElementwiseRange(m.Length, m.Parts, part);
        int i = start, end = start + length;
        if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated)
            i = MaskVectors((float*)m.X, (float*)m.Y, i, end, m.Key, m.Threshold, float.CreateTruncating(m.Scale));
        for (; i < end; i++)
        {
            m.Y[i] = Keeps(m.Key, i, m.Threshold) ? m.X[i] * m.Scale : T.Zero;
        }
    }

    /// <summary>The float elements [<paramref name="i"/>, <paramref name="end"/>) sixteen at a time: the same
    /// <see cref="Keeps"/> for each index, its SplitMix64 words computed eight to a vector, so the mask's bits are the scalar
    /// loop's, with no branch per element (a kept-or-dropped branch is a coin toss the processor guesses wrong half the
    /// time). Returns where the scalar loop takes over.</summary>
    private static int MaskVectors(float* x, float* y, int i, int end, ulong key, ulong threshold, float scale)
    {
        var lane = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
        var counter = Vector512.Create(key + (ulong)(i + 1) * Gamma) + lane * Gamma;
        var eight = Vector512.Create(unchecked(8 * Gamma));
        var limit = Vector512.Create(threshold);
        var scales = Vector512.Create(scale);
        for (; i <= end - 16; i += 16)
        {
            var low = Vector512.LessThan(Vector512.ShiftRightLogical(Mix(counter), 11), limit);
            counter += eight;
            var high = Vector512.LessThan(Vector512.ShiftRightLogical(Mix(counter), 11), limit);
            counter += eight;
            var kept = Vector512.Narrow(low, high).AsSingle();
            Vector512.Store(Vector512.BitwiseAnd(Vector512.Load(x + i) * scales, kept), y + i);
        }
        return i;
    }

    private static Vector512<ulong> Mix(Vector512<ulong> z)
    {
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Vector512.Create(0x94D049BB133111EBUL);
        return z ^ Vector512.ShiftRightLogical(z, 31);
    }

    // SplitMix64's output function: a bijection of 64-bit words whose every output bit depends on every input bit.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
