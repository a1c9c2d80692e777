using System.Numerics;
using System.Runtime.InteropServices;
using MiniNet.Kernels;
using MiniNet.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Ops;

/// <summary>
/// A dense layer's tail with a GELU, in one op: y = GELU(x + b), with b a vector as long as x's last dimension, exact or
/// tanh-approximate. It replaces an add op followed by a GELU op ("add", then "gelu" or "gelu_tanh"), with their numbers bit
/// for bit. Backward: dz = dy · GELU'(x + b), x + b computed again rather than kept; dx += dz; db += dz summed over the rows.
/// float32's exact form runs each pass in one sweep (<see cref="GeluKernels.ExactForwardWithBias(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>),
/// so the sum x + b is never written out; when a tape records the op, the forward sweep also keeps GELU'(x + b), computed
/// from the same erf and exp, and the backward pass is one multiply by it.
/// </summary>
public sealed class BiasGeluOp : Op
{
    private readonly bool _approximate;
    private Tensor? _derivative;

    private BiasGeluOp(Tensor x, Tensor bias, bool approximate) : base(approximate ? "bias_add_gelu_tanh" : "bias_add_gelu", x, bias)
    {
        _approximate = approximate;
        if (x.Rank < 1 || bias.Rank != 1 || bias.Shape[0] != x.Shape[^1])
            throw new ArgumentException($"{Name}: {ShapeMath.Format(x.ShapeArray)} + {ShapeMath.Format(bias.ShapeArray)}: the bias must be a vector as long as the last dimension of x");
    }

    /// <summary>GELU(<paramref name="x"/> + <paramref name="bias"/>), the bias added to every row; <paramref name="approximate"/>
    /// selects the tanh form.</summary>
    public static Tensor Apply(Tensor x, Tensor bias, bool approximate = false) => new BiasGeluOp(x, bias, approximate).Run(x.ShapeArray);

    private bool OneSweep<T>() => !_approximate && typeof(T) == typeof(float);

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        if (OneSweep<T>())
        {
            // Kept only when a tape will record the op: inference pays nothing for it.
            _derivative = OpObservers.Observed ? Tensor.Temporary(Output.ShapeArray, Output.DType, zeroed: false) : null;
            GeluKernels.ExactForwardWithBias(Inputs[0].AsSpan<float>(), Inputs[1].AsSpan<float>(), Output.AsSpan<float>(),
                _derivative == null ? default : _derivative.AsSpan<float>());
            return;
        }
        GeluKernels.Forward<T>(Sum<T>().AsSpan<T>(), Output.AsSpan<T>(), _approximate);
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        var dz = Tensor.Temporary(Output.ShapeArray, Output.DType, zeroed: !OneSweep<T>());
        if (_derivative != null)
        {
            // db's sum is taken in the same walk that writes dz.
            var biasGradient = gradients.TryGetGradient<float>(Inputs[1], out var wanted) ? wanted : default;
            GeluKernels.GradientFromDerivative(MemoryMarshal.Cast<T, float>(outputGradient), _derivative.AsSpan<float>(), dz.AsSpan<float>(), biasGradient);
            gradients.Add(Inputs[0], dz);
            return;
        }
        if (OneSweep<T>())
            GeluKernels.ExactGradientWithBias(Inputs[0].AsSpan<float>(), Inputs[1].AsSpan<float>(),
                MemoryMarshal.Cast<T, float>(outputGradient), dz.AsSpan<float>());
        else
            GeluKernels.AddGradient<T>(Sum<T>().AsSpan<T>(), outputGradient, dz.AsSpan<T>(), _approximate);
        if (gradients.TryGetGradient<T>(Inputs[1], out var db))
            BroadcastKernels.SumToShapeAdd<T>(dz.AsSpan<T>(), Output.ShapeArray, db, Inputs[1].ShapeArray);
        gradients.Add(Inputs[0], dz);
    }

    /// <summary>x + b, as the add op computes it.</summary>
    private Tensor Sum<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var z = Tensor.Temporary(Output.ShapeArray, Output.DType, zeroed: false);
        BroadcastKernels.Binary(Inputs[0].AsSpan<T>(), Inputs[0].ShapeArray, Inputs[1].AsSpan<T>(), Inputs[1].ShapeArray,
            z.AsSpan<T>(), Output.ShapeArray, static (a, b, sum) => TensorPrimitives.Add(a, b, sum));
        return z;
    }
}
