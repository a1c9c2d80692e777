using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Autodiff;

/// <summary>The gradients of one backward pass: one buffer per tracked tensor, created on first use (at zero, or left for the
/// first op to overwrite) and added into by every later op that reads that tensor.</summary>
internal sealed class GradientAccumulator(GradientTape tape) : IGradientSink
{
    private readonly Dictionary<Tensor, Tensor> _gradients = new(ReferenceEqualityComparer.Instance);

    /// <summary>Starts the pass with d(target)/d(target) = 1 for every element (so a non-scalar target acts as its sum).</summary>
    public void Seed(Tensor target)
    {
        var ones = Tensor.Temporary(target.ShapeArray, target.DType, zeroed: false);
        if (ones.DType == DType.Float32) ones.AsSpan<float>().Fill(1);
        else ones.AsSpan<double>().Fill(1);
        _gradients[target] = ones;
    }

    /// <summary>The gradient accumulated for <paramref name="tensor"/>, or null if nothing reached it.</summary>
    public Tensor? TryGet(Tensor tensor) => _gradients.GetValueOrDefault(tensor);

    public bool TryGetGradient<T>(Tensor input, out Span<T> gradient) where T : unmanaged =>
        TryGetGradient(input, out gradient, clearNew: true, out _);

    public bool TryGetGradient<T>(Tensor input, out Span<T> gradient, out bool overwrite) where T : unmanaged =>
        TryGetGradient(input, out gradient, clearNew: false, out overwrite);

    private bool TryGetGradient<T>(Tensor input, out Span<T> gradient, bool clearNew, out bool created) where T : unmanaged
    {
        created = false;
        if (!tape.IsTracked(input))
        {
            gradient = default;
            return false;
        }
        if (!_gradients.TryGetValue(input, out var buffer))
        {
            buffer = Tensor.Temporary(input.ShapeArray, input.DType, zeroed: clearNew);
            _gradients[input] = buffer;
            created = true;
        }
        gradient = buffer.AsSpan<T>();
        return true;
    }
}
