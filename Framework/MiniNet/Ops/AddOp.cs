using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>y = a + b (broadcasting); da += dy, db += dy, each summed back to its operand's shape. An operand shaped like
/// the output gets dy itself (<see cref="IGradientSink.AddOutputGradient"/>): the sink hands the buffer over when nothing
/// reads it afterwards, so a residual's or a bias add's gradient is not copied.</summary>
public sealed class AddOp : BinaryOp
{
    private AddOp(Tensor a, Tensor b) : base("add", a, b) { }

    /// <summary>Applies the op to <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static Tensor Apply(Tensor a, Tensor b) => new AddOp(a, b).Run();

    /// <inheritdoc />
    protected override RowKernel<T> RowKernel<T>() => static (a, b, y) => TensorPrimitives.Add(a, b, y);

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        AddPassedThrough(outputGradient, A, gradients);
        AddPassedThrough(outputGradient, B, gradients);
    }

    private void AddPassedThrough<T>(ReadOnlySpan<T> outputGradient, Tensor input, IGradientSink gradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!input.ShapeArray.AsSpan().SequenceEqual(Output.ShapeArray))
        {
            AddReduced(outputGradient, Output, input, gradients);
            return;
        }
        gradients.AddOutputGradient(input, Output);
    }
}
