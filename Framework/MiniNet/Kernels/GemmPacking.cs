using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MiniNet.Kernels;

/// <summary>
/// Copies a block of an operand into the order the micro-kernel reads it: panels of <c>width</c> lanes, each panel stored
/// depth-major (for each p, the panel's <c>width</c> values side by side), lanes past the edge of the matrix set to zero.
/// The kernel then streams both operands with unit stride, whatever the layout and transposition of the caller's arrays.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs lanes [<paramref name="lane"/>, <paramref name="lane"/> + <paramref name="lanes"/>) × depth
    /// [<paramref name="p0"/>, <paramref name="p0"/> + <paramref name="depth"/>) of <paramref name="source"/> into
    /// ⌈lanes / width⌉ panels of <paramref name="width"/> × <paramref name="depth"/> floats at <paramref name="destination"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Pack(in GemmOperand source, int lane, int lanes, int p0, int depth, int width, float* destination)
    {
        float* origin = source.Data + lane * source.LaneStride + p0 * source.DepthStride;
        for (int first = 0; first < lanes; first += width)
        {
            int count = Math.Min(width, lanes - first);
            float* panel = origin + first * source.LaneStride;
            if (source.LaneStride == 1) CopyRows(panel, source.DepthStride, count, depth, width, destination);
            else TransposeRows(panel, source.LaneStride, source.DepthStride, count, depth, width, destination);
            destination += width * depth;
        }
    }

    /// <summary>Lanes are contiguous in the source (B as stored, or Aᵀ as stored): each depth step is one short copy, done
    /// with vector moves (a memmove call per 32-byte row cost the 784×64·64×128 product 14%).</summary>
    private static void CopyRows(float* source, nint depthStride, int count, int depth, int width, float* destination)
    {
        if (count == width && width % Vector256<float>.Count == 0)
        {
            for (int p = 0; p < depth; p++)
            {
                float* from = source + p * depthStride;
                float* to = destination + p * width;
                for (int w = 0; w < width; w += Vector256<float>.Count) Vector256.Store(Vector256.Load(from + w), to + w);
            }
            return;
        }
        for (int p = 0; p < depth; p++)
        {
            float* from = source + p * depthStride;
            float* to = destination + p * width;
            for (int w = 0; w < count; w++) to[w] = from[w];
            for (int w = count; w < width; w++) to[w] = 0f;
        }
    }

    /// <summary>Lanes are strided in the source (A as stored, or Bᵀ as stored): the panel is the transpose of the source
    /// block. Groups of 8 lanes go through 8×8 transposes in AVX registers, then groups of 4 through 4×4 transposes in SSE
    /// registers (the 6-row panels of the 256-bit kernel are 4 + 2), and the rest element by element.</summary>
    internal static void TransposeRows(float* source, nint laneStride, nint depthStride, int count, int depth, int width, float* destination)
    {
        int eights = 0, fours = 0, tiledBy8 = depth & ~7, tiledBy4 = depth & ~3;
        if (Avx.IsSupported && depthStride == 1)
        {
            for (; eights + 8 <= count; eights += 8)
            for (int p = 0; p < tiledBy8; p += 8)
                Transpose8x8(source + eights * laneStride + p, laneStride, destination + p * width + eights, width);
        }
        fours = eights;
        if (Sse.IsSupported && depthStride == 1)
        {
            for (; fours + 4 <= count; fours += 4)
            for (int p = 0; p < tiledBy4; p += 4)
                Transpose4x4(source + fours * laneStride + p, laneStride, destination + p * width + fours, width);
        }
        for (int lane = 0; lane < count; lane++)
        {
            float* from = source + lane * laneStride;
            int start = lane < eights ? tiledBy8 : lane < fours ? tiledBy4 : 0;
            for (int p = start; p < depth; p++) destination[p * width + lane] = from[p * depthStride];
        }
        for (int lane = count; lane < width; lane++)
        for (int p = 0; p < depth; p++)
            destination[p * width + lane] = 0f;
    }

    /// <summary>Writes the transpose of the 8×8 block at <paramref name="source"/> (row stride <paramref name="sourceStride"/>)
    /// to <paramref name="destination"/> (row stride <paramref name="destinationStride"/>): unpack pairs, shuffle quads, swap
    /// 128-bit halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* source, nint sourceStride, float* destination, nint destinationStride)
    {
        var r0 = Avx.LoadVector256(source);
        var r1 = Avx.LoadVector256(source + sourceStride);
        var r2 = Avx.LoadVector256(source + 2 * sourceStride);
        var r3 = Avx.LoadVector256(source + 3 * sourceStride);
        var r4 = Avx.LoadVector256(source + 4 * sourceStride);
        var r5 = Avx.LoadVector256(source + 5 * sourceStride);
        var r6 = Avx.LoadVector256(source + 6 * sourceStride);
        var r7 = Avx.LoadVector256(source + 7 * sourceStride);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(destination, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(destination + destinationStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(destination + 2 * destinationStride, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(destination + 3 * destinationStride, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(destination + 4 * destinationStride, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(destination + 5 * destinationStride, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(destination + 6 * destinationStride, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(destination + 7 * destinationStride, Avx.Permute2x128(s3, s7, 0x31));
    }

    /// <summary>The 4×4 version of <see cref="Transpose8x8"/>: unpack pairs, then move 64-bit halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(float* source, nint sourceStride, float* destination, nint destinationStride)
    {
        var r0 = Sse.LoadVector128(source);
        var r1 = Sse.LoadVector128(source + sourceStride);
        var r2 = Sse.LoadVector128(source + 2 * sourceStride);
        var r3 = Sse.LoadVector128(source + 3 * sourceStride);
        var t0 = Sse.UnpackLow(r0, r1);
        var t1 = Sse.UnpackLow(r2, r3);
        var t2 = Sse.UnpackHigh(r0, r1);
        var t3 = Sse.UnpackHigh(r2, r3);
        Sse.Store(destination, Sse.MoveLowToHigh(t0, t1));
        Sse.Store(destination + destinationStride, Sse.MoveHighToLow(t1, t0));
        Sse.Store(destination + 2 * destinationStride, Sse.MoveLowToHigh(t2, t3));
        Sse.Store(destination + 3 * destinationStride, Sse.MoveHighToLow(t3, t2));
    }
}
