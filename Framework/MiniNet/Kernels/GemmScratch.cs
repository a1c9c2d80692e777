using System.Runtime.CompilerServices;

namespace MiniNet.Kernels;

/// <summary>
/// Per-thread buffers for the packed panels and partial products of the matrix multiply. Each thread keeps its own pair and grows it only when a
/// larger block arrives, so steady-state calls allocate nothing. The arrays live on the pinned object heap, so their addresses
/// are stable without <c>fixed</c>, and are handed out 64-byte aligned (one cache line, one AVX-512 register).
/// </summary>
internal static unsafe class GemmScratch
{
    private const int AlignmentFloats = 16;

    [ThreadStatic] private static float[]? _packedA;
    [ThreadStatic] private static float[]? _packedB;
    [ThreadStatic] private static float[]? _partial;

    /// <summary>A 64-byte-aligned buffer of at least <paramref name="length"/> floats for packed A panels (contents unspecified).</summary>
    public static float* PackedA(int length) => Aligned(ref _packedA, length);

    /// <summary>A 64-byte-aligned buffer of at least <paramref name="length"/> floats for packed B panels (contents unspecified).</summary>
    public static float* PackedB(int length) => Aligned(ref _packedB, length);

    /// <summary>A 64-byte-aligned buffer of at least <paramref name="length"/> floats for the second half-depth product of a
    /// depth-split multiply (contents unspecified).</summary>
    public static float* Partial(int length) => Aligned(ref _partial, length);

    private static float* Aligned(ref float[]? buffer, int length)
    {
        if (buffer == null || buffer.Length < length + AlignmentFloats)
            buffer = GC.AllocateUninitializedArray<float>(length + AlignmentFloats, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref buffer[0]);
        return (float*)((address + 63) & ~(nint)63);
    }
}
