using System.Numerics;
using System.Runtime.InteropServices;

namespace MiniNet.Kernels;

/// <summary>Whether a tensor's values are all finite: the divergence check a training loop runs on every gradient before it
/// is applied.</summary>
public static unsafe class FiniteKernels
{
    /// <summary>True when no element of <paramref name="values"/> is NaN or ±∞. Exact (x·0 is 0 for every finite x and NaN
    /// otherwise, so no sum can overflow into a false alarm); large spans are checked on several threads, each over the
    /// range it also updates in the optimizer.</summary>
    public static bool AllFinite<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int parts = KernelWorkers.ElementwiseParts(values.Length);
        if (parts <= 1) return AllFiniteRange(values);
        fixed (T* data = values)
        {
            var check = new Check<T> { Data = data, Length = values.Length, Parts = parts };
            KernelWorkers.Run(parts, &CheckPart<T>, &check);
            return check.NonFinite == 0;
        }
    }

    private struct Check<T> where T : unmanaged
    {
        public T* Data;
        public int Length, Parts;
        public int NonFinite;
    }

    private static void CheckPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var check = ref *(Check<T>*)state;
        var (start, length) = KernelWorkers.ElementwiseRange(check.Length, check.Parts, part);
        if (!AllFiniteRange(new ReadOnlySpan<T>(check.Data + start, length))) Volatile.Write(ref check.NonFinite, 1);
    }

    private static bool AllFiniteRange<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        var zeros = Vector<T>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            // Four sums, so that each add need not wait for the one before it: the pass runs at the speed the cache delivers.
            ref T first = ref MemoryMarshal.GetReference(values);
            var (zeros1, zeros2, zeros3) = (zeros, zeros, zeros);
            int width = Vector<T>.Count;
            for (; i <= values.Length - 4 * width; i += 4 * width)
            {
                zeros += Vector.LoadUnsafe(ref first, (nuint)i) * Vector<T>.Zero;
                zeros1 += Vector.LoadUnsafe(ref first, (nuint)(i + width)) * Vector<T>.Zero;
                zeros2 += Vector.LoadUnsafe(ref first, (nuint)(i + 2 * width)) * Vector<T>.Zero;
                zeros3 += Vector.LoadUnsafe(ref first, (nuint)(i + 3 * width)) * Vector<T>.Zero;
            }
            for (; i <= values.Length - width; i += width)
                zeros += Vector.LoadUnsafe(ref first, (nuint)i) * Vector<T>.Zero;
            zeros += zeros1 + zeros2 + zeros3;
        }
        T zero = Vector.Sum(zeros);
        for (; i < values.Length; i++) zero += values[i] * T.Zero;
        return zero == T.Zero;
    }
}
