using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// Attention's softmax, row by row over the last axis of a stack of (queries × keys) score matrices:
/// y = softmax(scale · x) over the keys a query may see, 0 elsewhere. With the causal mask query i sees keys 0..i (a
/// position never attends to a later one), as PyTorch's <c>scaled_dot_product_attention(is_causal=True)</c>; masked
/// entries are never read, so they need not be filled with -∞. Backward: dx = scale · y ⊙ (dy - Σ dy·y).
/// Rows are independent, so large stacks are cut into bands of rows across <see cref="Engine.Threads"/> threads; a row's
/// numbers never depend on the band it falls in.
/// </summary>
public static unsafe class MaskedSoftmaxKernels
{
    /// <summary>y = softmax(scale·x) row by row; <paramref name="rows"/> query rows of <paramref name="keys"/> each, the query
    /// index of row r being r mod <paramref name="queries"/>.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int queries, int keys, T scale, bool causal)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* xs = x, ys = y)
        {
            var pass = new Pass<T> { Input = xs, Output = ys, Rows = rows, Queries = queries, Keys = keys, Scale = scale, Causal = causal };
            Run(ref pass, &ForwardPart<T>);
        }
    }

    /// <summary>dx += scale · y ⊙ (dy - Σ dy·y), row by row over the visible keys (y is 0 on the others). With
    /// <paramref name="overwrite"/>, dx is written over whatever it held with the bits of that add into zeros (the masked
    /// keys' entries 0), so a fresh gradient buffer needs no clearing first.</summary>
    public static void BackwardAdd<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int rows, int queries, int keys, T scale, bool causal,
        bool overwrite = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* ys = y, dys = dy, dxs = dx)
        {
            var pass = new Pass<T> { Input = ys, Upstream = dys, Output = dxs, Rows = rows, Queries = queries, Keys = keys, Scale = scale, Causal = causal, Overwrite = overwrite };
            Run(ref pass, &BackwardPart<T>);
        }
    }

    private struct Pass<T> where T : unmanaged
    {
        public T* Input, Upstream, Output;
        public int Rows, Queries, Keys, Parts;
        public T Scale;
        public bool Causal, Overwrite;
    }

    private static void Run<T>(ref Pass<T> pass, delegate*<void*, int, void> part) where T : unmanaged
    {
        pass.Parts = KernelWorkers.BandParts(pass.Rows * pass.Keys, pass.Rows);
        fixed (Pass<T>* state = &pass) KernelWorkers.Run(pass.Parts, part, state);
    }

    private static void ForwardPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var (start, end) = KernelWorkers.Band(pass.Rows, pass.Parts, part);
        ForwardRows(pass.Input, pass.Output, start, end, pass.Queries, pass.Keys, pass.Scale, pass.Causal);
    }

    /// <summary><see cref="Forward{T}"/> for rows [<paramref name="start"/>, <paramref name="end"/>) on the calling thread
    /// (y may be x: each row is read before it is written).</summary>
    internal static void ForwardRows<T>(T* x, T* y, int start, int end, int queries, int keys, T scale, bool causal)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && SoftmaxRows512.Fit(keys))
        {
            for (int r = start; r < end; r++)
                SoftmaxRows512.Forward((float*)x + (long)r * keys, (float*)y + (long)r * keys, Visible(r, queries, keys, causal), keys,
                    Unsafe.As<T, float>(ref scale));
            return;
        }
        for (int r = start; r < end; r++)
        {
            int visible = Visible(r, queries, keys, causal);
            var output = new Span<T>(y + (long)r * keys, keys);
            var seen = output[..visible];
            var input = new ReadOnlySpan<T>(x + (long)r * keys, visible);
            ScaleAndShift(input, scale, ScaledMax(input, scale), seen);
            TensorPrimitives.Exp<T>(seen, seen);
            Divide(seen, TensorPrimitives.Sum<T>(seen));
            output[visible..].Clear();
        }
    }

    private static void BackwardPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var (start, end) = KernelWorkers.Band(pass.Rows, pass.Parts, part);
        BackwardRows(pass.Input, pass.Upstream, pass.Output, start, end, pass.Queries, pass.Keys, pass.Scale, pass.Causal, pass.Overwrite);
    }

    /// <summary><see cref="BackwardAdd{T}"/> for rows [<paramref name="start"/>, <paramref name="end"/>) on the calling thread
    /// (dx may be dy: each row's dy is read before it is written).</summary>
    internal static void BackwardRows<T>(T* y, T* dy, T* dx, int start, int end, int queries, int keys, T scale, bool causal, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && SoftmaxRows512.Fit(keys))
        {
            for (int r = start; r < end; r++)
                SoftmaxRows512.Backward((float*)y + (long)r * keys, (float*)dy + (long)r * keys, (float*)dx + (long)r * keys,
                    Visible(r, queries, keys, causal), keys, Unsafe.As<T, float>(ref scale), overwrite);
            return;
        }
        for (int r = start; r < end; r++)
        {
            int visible = Visible(r, queries, keys, causal);
            var probabilities = new ReadOnlySpan<T>(y + (long)r * keys, visible);
            var upstream = new ReadOnlySpan<T>(dy + (long)r * keys, visible);
            var gradient = new Span<T>(dx + (long)r * keys, visible);
            T weighted = TensorPrimitives.Dot(upstream, probabilities);
            int j = 0;
            // Vector<T> lanes run the scalar tail's multiplies and adds in its order, so results do not depend on the width.
            if (Vector.IsHardwareAccelerated)
            {
                ref T p0 = ref MemoryMarshal.GetReference(probabilities);
                ref T u0 = ref MemoryMarshal.GetReference(upstream);
                ref T g0 = ref MemoryMarshal.GetReference(gradient);
                Vector<T> scales = new(scale), weights = new(weighted);
                for (; j <= visible - Vector<T>.Count; j += Vector<T>.Count)
                    ((overwrite ? Vector<T>.Zero : Vector.LoadUnsafe(ref g0, (nuint)j)) + scales * Vector.LoadUnsafe(ref p0, (nuint)j) * (Vector.LoadUnsafe(ref u0, (nuint)j) - weights))
                        .StoreUnsafe(ref g0, (nuint)j);
            }
            for (; j < visible; j++) gradient[j] = (overwrite ? T.Zero : gradient[j]) + scale * probabilities[j] * (upstream[j] - weighted);
            if (overwrite) new Span<T>(dx + (long)r * keys + visible, keys - visible).Clear();
        }
    }

    // A row is a few dozen keys, too short for TensorPrimitives' per-call cost to pay off; the loops below run the same
    // element-wise operations (a maximum does not depend on the order), so the numbers are TensorPrimitives' own.

    /// <summary>The largest of scale·x.</summary>
    private static T ScaledMax<T>(ReadOnlySpan<T> x, T scale) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        T max = T.NegativeInfinity;
        ref T x0 = ref MemoryMarshal.GetReference(x);
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            var scales = new Vector<T>(scale);
            var maxima = new Vector<T>(T.NegativeInfinity);
            for (; j <= x.Length - Vector<T>.Count; j += Vector<T>.Count) maxima = Vector.Max(maxima, Vector.LoadUnsafe(ref x0, (nuint)j) * scales);
            for (int lane = 0; lane < Vector<T>.Count; lane++) max = T.Max(max, maxima[lane]);
        }
        for (; j < x.Length; j++) max = T.Max(max, Unsafe.Add(ref x0, j) * scale);
        return max;
    }

    /// <summary>seen = scale·x - max: the product is rounded before the subtraction, as two separate passes would.</summary>
    private static void ScaleAndShift<T>(ReadOnlySpan<T> x, T scale, T max, Span<T> seen) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        ref T x0 = ref MemoryMarshal.GetReference(x);
        ref T s0 = ref MemoryMarshal.GetReference(seen);
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> scales = new(scale), maxima = new(max);
            for (; j <= x.Length - Vector<T>.Count; j += Vector<T>.Count)
                (Vector.LoadUnsafe(ref x0, (nuint)j) * scales - maxima).StoreUnsafe(ref s0, (nuint)j);
        }
        for (; j < x.Length; j++) Unsafe.Add(ref s0, j) = Unsafe.Add(ref x0, j) * scale - max;
    }

    /// <summary>values /= operand.</summary>
    private static void Divide<T>(Span<T> values, T operand) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        ref T v0 = ref MemoryMarshal.GetReference(values);
        if (Vector.IsHardwareAccelerated)
        {
            var operands = new Vector<T>(operand);
            for (; j <= values.Length - Vector<T>.Count; j += Vector<T>.Count) (Vector.LoadUnsafe(ref v0, (nuint)j) / operands).StoreUnsafe(ref v0, (nuint)j);
        }
        for (; j < values.Length; j++) Unsafe.Add(ref v0, j) /= operand;
    }

    private static int Visible(int row, int queries, int keys, bool causal) => causal ? Math.Min(row % queries + 1, keys) : keys;
}
