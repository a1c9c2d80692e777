using System.Runtime.Intrinsics.X86;

namespace MiniNet.Kernels;

/// <summary>Asks the processor to bring memory a kernel will read soon into the core's second-level cache, while the kernel
/// works on what it already has: a hint, with no effect on any value (and none where the processor has no such hint). It
/// pays where the data is likely out of every cache and comes in pieces too short for the hardware's prefetcher to learn
/// (a shuffled batch's rows, attention's small matrices).</summary>
internal static unsafe class CacheLines
{
    /// <summary>Asks for the cache lines of the <paramref name="count"/> values from <paramref name="start"/>.</summary>
    public static void Prefetch<T>(T* start, nint count) where T : unmanaged
    {
        if (!Sse.IsSupported) return;
        for (byte* at = (byte*)start, end = (byte*)(start + count); at < end; at += 64) Sse.Prefetch1(at);
    }
}
