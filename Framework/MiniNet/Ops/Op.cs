using System.Numerics;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// One differentiable operation: its inputs, its output, and its forward and backward passes side by side. An op runs its
/// forward pass once when created; a tape that recorded it calls <see cref="Backward"/> to push the output's gradient
/// back to the inputs, adding to what is there (grad += local · upstream), so a tensor used twice receives both
/// contributions.
/// </summary>
public abstract partial class Op
{
    /// <summary>Checks the inputs share one float dtype; the subclass checks shapes and then calls <see cref="Run"/>.</summary>
    protected Op(string name, params Tensor[] inputs) : this(name, takesClassLabels: false, inputs) { }

    /// <summary>As <see cref="Op(string, Tensor[])"/>; with <paramref name="takesClassLabels"/>, the last input is
    /// <see cref="ClassLabels"/> (int32, no gradient), as a classification loss's op takes them.</summary>
    private protected Op(string name, bool takesClassLabels, params Tensor[] inputs)
    {
        Name = name;
        Inputs = inputs;
        for (int i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i];
            ArgumentNullException.ThrowIfNull(input);
            if (takesClassLabels && i == inputs.Length - 1) continue;
            if (input.DType == DType.Int32)
                throw new ArgumentException($"{name}: an int32 tensor holds class indices, which only a classification loss or metric reads; ops compute on float32 or float64");
            if (input.DType != inputs[0].DType)
                throw new ArgumentException($"{name}: dtypes {Tensor.DTypeName(inputs[0].DType)} and {Tensor.DTypeName(input.DType)} differ");
        }
    }

    /// <summary>The op's name as used in messages and graph dumps, e.g. "matmul".</summary>
    public string Name { get; }

    /// <summary>The tensors the op read.</summary>
    public IReadOnlyList<Tensor> Inputs { get; }

    /// <summary>The tensor the op produced.</summary>
    public Tensor Output { get; private set; } = null!;

    /// <summary>Allocates the output, runs the forward pass and shows the op to any active tape (and profiler).</summary>
    protected Tensor Run(int[] outputShape)
    {
        long started = OpObservers.TimerClock();
        Output = Tensor.Temporary(outputShape, Inputs[0].DType, zeroed: false);
        if (Output.DType == DType.Float32) Forward<float>();
        else Forward<double>();
        OpObservers.Notify(this, started);
        return Output;
    }

    /// <summary>Adds each input's gradient contribution, given the gradient of the output.</summary>
    public void Backward(Tensor outputGradient, IGradientSink gradients)
    {
        long started = OpObservers.TimerClock();
        if (Output.DType == DType.Float32) Backward(outputGradient.AsSpan<float>(), gradients);
        else Backward(outputGradient.AsSpan<double>(), gradients);
        OpObservers.Backward(this, gradients, started);
    }

    /// <summary>Computes <see cref="Output"/> from <see cref="Inputs"/>.</summary>
    protected abstract void Forward<T>() where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Adds dLoss/dInput for each input that wants a gradient, given dLoss/dOutput.</summary>
    protected abstract void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The op's name with its input and output shapes, e.g. "matmul (32,784) x (784,128) -> (32,128)".</summary>
    public override string ToString() =>
        $"{Name} {string.Join(" x ", Inputs.Select(i => ShapeMath.Format(i.ShapeArray)))} -> {ShapeMath.Format(Output.ShapeArray)}";
}
