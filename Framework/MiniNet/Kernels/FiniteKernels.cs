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
            ref T first = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - Vector<T>.Count; i += Vector<T>.Count)
                zeros += Vector.LoadUnsafe(ref first, (nuint)i) * Vector<T>.Zero;
        }
        T zero = Vector.Sum(zeros);
        for (; i < values.Length; i++) zero += values[i] * T.Zero;
        return zero == T.Zero;
    }
}
