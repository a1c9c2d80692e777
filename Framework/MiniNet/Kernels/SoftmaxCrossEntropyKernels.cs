using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// Cross-entropy of class-index labels given logits, row by row: y = log Σ exp(z - max) + max - z[label], and backward
/// dz += dy · (softmax(z) - onehot(label)); a row whose label is the ignore index gives 0 and no gradient. Rows are
/// independent, so many rows are cut into bands across <see cref="Engine.Threads"/> threads; a row's numbers never
/// depend on the band it falls in.
/// </summary>
public static unsafe class SoftmaxCrossEntropyKernels
{
    /// <summary>The loss of each of the <paramref name="rows"/> rows of <paramref name="classes"/> logits.</summary>
    public static void Forward<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> loss, int rows, int classes, int? ignoreIndex)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* z = logits, y = loss)
        fixed (int* l = labels)
        {
            var pass = new Pass<T> { Logits = z, Labels = l, Loss = y, Rows = rows, Classes = classes, Ignore = ignoreIndex ?? -1, Ignores = ignoreIndex.HasValue };
            Run(ref pass, &ForwardPart<T>, expsPerLogit: 1);
        }
    }

    /// <summary>dz += dy · (softmax(z) - onehot(label)), row by row (rows labelled with the ignore index get nothing).</summary>
    public static void BackwardAdd<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, ReadOnlySpan<T> dy, Span<T> dz, int rows, int classes, int? ignoreIndex)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* z = logits, upstream = dy, gradient = dz)
        fixed (int* l = labels)
        {
            var pass = new Pass<T>
            {
                Logits = z, Labels = l, Upstream = upstream, Gradient = gradient, Rows = rows, Classes = classes,
                Ignore = ignoreIndex ?? -1, Ignores = ignoreIndex.HasValue,
            };
            Run(ref pass, &BackwardPart<T>, expsPerLogit: 2);
        }
    }

    private struct Pass<T> where T : unmanaged
    {
        public T* Logits, Loss, Upstream, Gradient;
        public int* Labels;
        public int Rows, Classes, Parts, Ignore;
        public bool Ignores;

        public readonly bool Ignored(int row) => Ignores && Labels[row] == Ignore;
    }

    /// <summary>Roughly how many elements of a plain pass (a copy, an add) one exponential costs. The threads' threshold
    /// counts elements of such passes; a pass of exponentials repays a second thread at far fewer, such as a small batch's
    /// ten logits a row (the backward pass from 64 rows, the forward from 128).</summary>
    private const int ExpCost = 32;

    // expsPerLogit: exponentials per logit, 1 forward and 2 backward (which recomputes the row's sum). Interpreted (the
    // browser), the logits count as plain elements, as they did when the playground's speed was measured.
    private static void Run<T>(ref Pass<T> pass, delegate*<void*, int, void> part, int expsPerLogit) where T : unmanaged
    {
        long work = (long)pass.Rows * pass.Classes * (Engine.Interpreted ? 1 : expsPerLogit * ExpCost);
        pass.Parts = KernelWorkers.BandParts((int)Math.Min(work, int.MaxValue), pass.Rows);
        fixed (Pass<T>* state = &pass) KernelWorkers.Run(pass.Parts, part, state);
    }

    /// <summary>The row's maximum and Σ exp(z - max), summed in order; each exp(z - max) is also written to
    /// <paramref name="exps"/> unless it is empty.</summary>
    private static (T Max, T Sum) MaxAndSum<T>(ReadOnlySpan<T> logits, Span<T> exps = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = TensorPrimitives.Max(logits);
        T sum = T.Zero;
        for (int j = 0; j < logits.Length; j++)
        {
            T exp = T.Exp(logits[j] - max);
            if (!exps.IsEmpty) exps[j] = exp;
            sum += exp;
        }
        return (max, sum);
    }

    private static void ForwardPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var (start, end) = KernelWorkers.Band(pass.Rows, pass.Parts, part);
        for (int row = start; row < end; row++)
        {
            var logits = new ReadOnlySpan<T>(pass.Logits + (long)row * pass.Classes, pass.Classes);
            var (max, sum) = MaxAndSum(logits);
            // (max - z[label]) first: both are large for large logits, their difference is exact or nearly. Padding gives 0.
            pass.Loss[row] = pass.Ignored(row) ? T.Zero : max - logits[pass.Labels[row]] + T.Log(sum);
        }
    }

    private static void BackwardPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var (start, end) = KernelWorkers.Band(pass.Rows, pass.Parts, part);
        // Each exp(z - max) is computed once and kept for the gradient: the scalar exp is most of the pass's cost.
        using var exponentials = new PooledBuffer<T>(pass.Classes);
        var exps = exponentials.Span;
        for (int row = start; row < end; row++)
        {
            if (pass.Ignored(row)) continue;
            var logits = new ReadOnlySpan<T>(pass.Logits + (long)row * pass.Classes, pass.Classes);
            var gradient = new Span<T>(pass.Gradient + (long)row * pass.Classes, pass.Classes);
            var (max, sum) = MaxAndSum(logits, exps);
            T scale = pass.Upstream[row] / sum;
            for (int j = 0; j < gradient.Length; j++) gradient[j] += scale * exps[j];
            gradient[pass.Labels[row]] -= pass.Upstream[row];
        }
    }
}
