using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>Copying, scaling and adding long spans (a residual's gradient handed to both branches, gradients clipped by their
/// global norm, a gradient added to another),
/// split into contiguous ranges across <see cref="Engine.Threads"/> threads; each element is independent, so the result
/// does not depend on the split.</summary>
public static unsafe class ElementwiseKernels
{
    /// <summary>destination = source.</summary>
    public static void Copy<T>(ReadOnlySpan<T> source, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(source, destination, &CopyPart<T>);

    /// <summary>destination = factor · source, each product rounded once, as <see cref="TensorPrimitives.Multiply{T}(ReadOnlySpan{T}, T, Span{T})"/>.</summary>
    public static void Scale<T>(ReadOnlySpan<T> source, T factor, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(source, destination, &ScalePart<T>, factor);

    /// <summary>target += source.</summary>
    public static void Add<T>(Span<T> target, ReadOnlySpan<T> source) where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(source, target, &AddPart<T>);

    private struct Pass<T> where T : unmanaged
    {
        public T* Source, Target;
        public int Length, Parts;
        public T Factor;
    }

    private static void Run<T>(ReadOnlySpan<T> source, Span<T> target, delegate*<void*, int, void> body, T factor = default) where T : unmanaged
    {
        if (source.Length != target.Length)
            throw new ArgumentException($"elementwise: the source has {source.Length} elements, the target {target.Length}", nameof(target));
        fixed (T* from = source, to = target)
        {
            var pass = new Pass<T> { Source = from, Target = to, Length = source.Length, Parts = KernelWorkers.ElementwiseParts(source.Length), Factor = factor };
            KernelWorkers.Run(pass.Parts, body, &pass);
        }
    }

    private static void CopyPart<T>(void* state, int part) where T : unmanaged
    {
        ref var pass = ref *(Pass<T>*)state;
        var (start, length) = KernelWorkers.ElementwiseRange(pass.Length, pass.Parts, part);
        new ReadOnlySpan<T>(pass.Source + start, length).CopyTo(new Span<T>(pass.Target + start, length));
    }

    private static void ScalePart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var (start, length) = KernelWorkers.ElementwiseRange(pass.Length, pass.Parts, part);
        TensorPrimitives.Multiply(new ReadOnlySpan<T>(pass.Source + start, length), pass.Factor, new Span<T>(pass.Target + start, length));
    }

    private static void AddPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var (start, length) = KernelWorkers.ElementwiseRange(pass.Length, pass.Parts, part);
        var target = new Span<T>(pass.Target + start, length);
        TensorPrimitives.Add(target, new ReadOnlySpan<T>(pass.Source + start, length), target);
    }
}
