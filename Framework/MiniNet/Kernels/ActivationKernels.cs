using System.Numerics;
using System.Runtime.InteropServices;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// The element-wise activations, forward and backward, shared by their own ops and by the fused bias-add + activation op.
/// Each backward pass reads the derivative off the activation's output y, so the input need not be kept.
/// </summary>
public static class ActivationKernels
{
    /// <summary>y = max(x, 0).</summary>
    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.Max(x, T.Zero, y);

    /// <summary>dx[i] += dy[i] where y[i] &gt; 0, y the ReLU's output (a unit at exactly 0, or NaN, passes no gradient, as in
    /// PyTorch). Vectorised: about half of a layer's units are active, so a branch per element would be mispredicted about
    /// half the time.</summary>
    public static void ReluAddGradient<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSameLength(y, dy, dx, "relu");
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref T y0 = ref MemoryMarshal.GetReference(y);
            ref T dy0 = ref MemoryMarshal.GetReference(dy);
            ref T dx0 = ref MemoryMarshal.GetReference(dx);
            for (; i <= dx.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var active = Vector.GreaterThan(Vector.LoadUnsafe(ref y0, (nuint)i), Vector<T>.Zero);
                var passed = Vector.ConditionalSelect(active, Vector.LoadUnsafe(ref dy0, (nuint)i), Vector<T>.Zero);
                (Vector.LoadUnsafe(ref dx0, (nuint)i) + passed).StoreUnsafe(ref dx0, (nuint)i);
            }
        }
        for (; i < dx.Length; i++) if (y[i] > T.Zero) dx[i] += dy[i];
    }

    /// <summary>y = 1 / (1 + e^-x).</summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Engine.Interpreted)
        {
            // Interpreted, the scalar formula with the runtime's own exp is faster than the vectorised one (see Tanh).
            for (int i = 0; i < y.Length; i++) y[i] = T.One / (T.One + T.Exp(-x[i]));
            return;
        }
        if (!x.IsEmpty) TensorPrimitives.Sigmoid(x, y); // TensorPrimitives.Sigmoid rejects an empty span
    }

    /// <summary>dx += dy · y(1 - y), y the sigmoid's output.</summary>
    public static void SigmoidAddGradient<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSameLength(y, dy, dx, "sigmoid");
        for (int i = 0; i < dx.Length; i++) dx[i] += dy[i] * y[i] * (T.One - y[i]);
    }

    /// <summary>y = tanh(x).</summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Engine.Interpreted)
        {
            // Interpreted (WebAssembly in the browser), the vectorised tanh's polynomial runs one interpreter instruction at a
            // time: about 180 ns an element in headless Chromium, against 45 for the runtime's own scalar tanh.
            for (int i = 0; i < y.Length; i++) y[i] = T.Tanh(x[i]);
            return;
        }
        TensorPrimitives.Tanh(x, y);
        // The vectorised tanh is accurate to about 1.5e-7 absolute, which near 0 is a large relative error (float32 tanh(0)
        // comes out as -6e-8, tanh(1e-6) as 9.5e-7); there the scalar T.Tanh, accurate to an ulp, is used instead.
        T small = T.CreateChecked(0.0625);
        for (int i = 0; i < y.Length; i++)
            if (T.Abs(x[i]) < small) y[i] = T.Tanh(x[i]);
    }

    /// <summary>dx += dy · (1 - y²), y the tanh's output.</summary>
    public static void TanhAddGradient<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSameLength(y, dy, dx, "tanh");
        for (int i = 0; i < dx.Length; i++) dx[i] += dy[i] * (T.One - y[i] * y[i]);
    }

    private static void RequireSameLength<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, ReadOnlySpan<T> dx, string name)
    {
        if (y.Length != dx.Length || dy.Length != dx.Length)
            throw new ArgumentException($"{name} gradient: lengths {y.Length}, {dy.Length} and {dx.Length} differ");
    }
}
