using System.Diagnostics;
using System.Numerics;
using MiniNet.Kernels;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Autodiff;

/// <summary>The gradients of one backward pass: one buffer per tracked tensor, added into by every op that reads that tensor.
/// A buffer's first contribution is written rather than added to zeros (bit for bit the same sum): a contribution an op
/// hands over whole becomes the buffer, and a product a kernel computes is written with the kernel's overwrite path. So a
/// weight gradient is written once instead of cleared, read and written again, and no op needs to know which came first.</summary>
internal sealed partial class GradientAccumulator(GradientTape tape) : IGradientSink
{
    private Dictionary<Tensor, Tensor> _gradients = SpareContainers<Dictionary<Tensor, Tensor>>.Take(static () => new(ReferenceEqualityComparer.Instance));

    /// <summary>Starts the pass with d(target)/d(target) = 1 for every element (so a non-scalar target acts as its sum).</summary>
    public void Seed(Tensor target)
    {
        var ones = Tensor.Temporary(target.ShapeArray, target.DType, zeroed: false);
        if (ones.DType == DType.Float32) ones.AsSpan<float>().Fill(1);
        else ones.AsSpan<double>().Fill(1);
        _gradients[target] = ones;
    }

    /// <summary>Ends the pass: the map from tensors to their gradients goes back to the thread's spares (the gradients stay).</summary>
    public void Release() { _gradients.Clear(); SpareContainers<Dictionary<Tensor, Tensor>>.GiveBack(_gradients); }

    /// <summary>The gradient accumulated for <paramref name="tensor"/>, or null if nothing reached it.</summary>
    public Tensor? TryGet(Tensor tensor) => _gradients.GetValueOrDefault(tensor);

    public bool TryGetGradient<T>(Tensor input, out Span<T> gradient) where T : unmanaged
    {
        bool wanted = TryGetBuffer(input, zeroed: true, out var buffer, out _);
        gradient = wanted ? buffer.AsSpan<T>() : default;
        return wanted;
    }

    public void Add(Tensor input, Tensor contribution)
    {
        Debug.Assert(contribution.DType == input.DType && contribution.ShapeArray.AsSpan().SequenceEqual(input.ShapeArray));
        if (!tape.IsTracked(input)) return;
        if (!_gradients.TryGetValue(input, out var buffer)) _gradients[input] = contribution;
        else if (buffer.DType == DType.Float32) ElementwiseKernels.Add(buffer.AsSpan<float>(), contribution.AsSpan<float>());
        else ElementwiseKernels.Add(buffer.AsSpan<double>(), contribution.AsSpan<double>());
    }

    public void AddMatMul<T>(Tensor input, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int m, int k, int n, bool transposeA = false, bool transposeB = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (TryGetBuffer(input, zeroed: false, out var buffer, out bool fresh))
            MatMulKernels.Multiply(a, b, buffer.AsSpan<T>(), m, k, n, transposeA, transposeB, accumulate: !fresh);
    }

    /// <summary>The gradient buffer of <paramref name="input"/>, created when nothing has reached it yet (<paramref name="fresh"/>,
    /// cleared only if <paramref name="zeroed"/>); false when the input wants no gradient.</summary>
    private bool TryGetBuffer(Tensor input, bool zeroed, out Tensor buffer, out bool fresh)
    {
        (buffer, fresh) = (null!, false);
        if (!tape.IsTracked(input)) return false;
        fresh = !_gradients.TryGetValue(input, out buffer!);
        if (fresh) _gradients[input] = buffer = Tensor.Temporary(input.ShapeArray, input.DType, zeroed);
        return true;
    }
}
