using System.Diagnostics;
using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Autodiff;

// An output gradient passed to an input unchanged. Once an op's backward pass has run, nothing reads its output's gradient
// again except the caller (when the output is a source) and a traced graph; otherwise the buffer is handed to the first input
// that takes it whole, and later contributions are added into it as into any gradient (PyTorch's AddBackward passes the
// same gradient on to both inputs in the same way). A second input of the same op gets a copy, so no two gradients share it.
internal sealed partial class GradientAccumulator
{
    /// <summary>The tensors whose gradients the caller reads after the pass; null when gradients are never handed over.</summary>
    public IReadOnlyList<Tensor>? Sources { get; init; }

    private Tensor? _handedOver;

    /// <summary>Readies the accumulator for another pass after <see cref="Release"/> (a captured step's, once per replay).</summary>
    public void Reopen() => (_gradients, _handedOver) = (SpareContainers<Dictionary<Tensor, Tensor>>.Take(static () => new(ReferenceEqualityComparer.Instance)), null);

    public void AddOutputGradient(Tensor input, Tensor output)
    {
        Debug.Assert(input.DType == output.DType && input.ShapeArray.AsSpan().SequenceEqual(output.ShapeArray));
        if (!tape.IsTracked(input)) return;
        var gradient = _gradients[output];
        if (!_gradients.ContainsKey(input))
        {
            // The first contribution becomes the input's buffer (Add adopts it whole): the output's own, or a copy.
            if (MayHandOver(output)) _handedOver = output;
            else gradient = Copy(gradient);
        }
        Add(input, gradient);
    }

    /// <summary>After the backward pass of the op that made <paramref name="output"/>: unless the caller or a traced graph
    /// reads its gradient later or an input took the buffer over, the buffer goes back to the pool at once (PyTorch frees a
    /// gradient after its last use too), so the gradients made next reuse memory that is still in cache instead of each
    /// holding a buffer of its own until the step's scope ends.</summary>
    public void Consumed(Tensor output, Tensor gradient)
    {
        if (!MayHandOver(output) || gradient.Owner == null || gradient.Owner != TensorScope.Current) return;
        _gradients.Remove(output);
        gradient.ReturnToPool();
    }

    private static Tensor Copy(Tensor gradient)
    {
        var copy = Tensor.Temporary(gradient.ShapeArray, gradient.DType, zeroed: false);
        if (copy.DType == DType.Float32) ElementwiseKernels.Copy(gradient.AsSpan<float>(), copy.AsSpan<float>());
        else ElementwiseKernels.Copy(gradient.AsSpan<double>(), copy.AsSpan<double>());
        return copy;
    }

    private bool MayHandOver(Tensor output)
    {
        if (Sources == null || tape.TraceGradients || ReferenceEquals(output, _handedOver)) return false;
        for (int i = 0; i < Sources.Count; i++) // (no LINQ: this runs for every add of every step)
            if (ReferenceEquals(Sources[i], output)) return false;
        return true;
    }
}
