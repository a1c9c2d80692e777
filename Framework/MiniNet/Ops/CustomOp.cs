using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// A differentiable op you define yourself: its forward pass and, beside it, its backward pass (the chain rule for this op),
/// both written with ordinary tensor math, so one definition works for float32 and float64. Softplus, for example:
/// <code>
/// var softplus = CustomOp.Create("softplus",
///     forward: x => (x.Exp() + 1.0).Log(),           // y = log(1 + eˣ)
///     backward: (x, y, dy) => dy * x.Sigmoid());     // dx = dy · σ(x)
/// var y = softplus(x);                               // one "softplus" op on an open tape
/// </code>
/// The tape records the op once and never looks inside: the math within <c>forward</c> and <c>backward</c> is not recorded,
/// and on the way back the tape calls <c>backward</c> with the gradient of the output. The backward returns the input's
/// gradient contribution; the op adds it to whatever the input already received, so a tensor used twice stays correct.
/// Verify a new op with <see cref="Autodiff.GradientCheck"/>.
/// </summary>
public sealed class CustomOp : Op
{
    private readonly Func<IReadOnlyList<Tensor>, Tensor, Tensor, Tensor?[]> _backward;
    private Tensor? _forwardResult;

    private CustomOp(string name, Tensor[] inputs, Func<IReadOnlyList<Tensor>, Tensor> forward,
        Func<IReadOnlyList<Tensor>, Tensor, Tensor, Tensor?[]> backward) : base(name, inputs)
    {
        _backward = backward;
        var result = OpObservers.Unobserved(() => forward(inputs))
            ?? throw new InvalidOperationException($"{name}: forward returned null instead of a tensor");
        if (result.DType != inputs[0].DType)
            throw new InvalidOperationException($"{name}: forward returned a {Tensor.DTypeName(result.DType)} tensor for {Tensor.DTypeName(inputs[0].DType)} inputs; it must keep the inputs' dtype");
        _forwardResult = result;
    }

    /// <summary>Defines an op y = f(x) of one tensor and returns the function that applies it.</summary>
    /// <param name="name">The op's name in messages, <see cref="Autodiff.GradientTape"/> listings and graphs, e.g. "softplus".</param>
    /// <param name="forward">Computes y from x; any shape may come out.</param>
    /// <param name="backward">Given x, y and dy = dLoss/dy (shaped like y), returns dLoss/dx, shaped like x: for an
    /// element-wise f, dy · f'(x).</param>
    /// <returns>A function that runs the op on a tensor, recorded by any tape watching that tensor.</returns>
    public static Func<Tensor, Tensor> Create(string name, Func<Tensor, Tensor> forward, Func<Tensor, Tensor, Tensor, Tensor> backward)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(backward);
        return x => new CustomOp(name, [x], inputs => forward(inputs[0]), (inputs, y, dy) => [backward(inputs[0], y, dy)]).Apply();
    }

    /// <summary>Defines an op y = f(a, b) of two tensors and returns the function that applies it.</summary>
    /// <param name="name">The op's name in messages, <see cref="Autodiff.GradientTape"/> listings and graphs.</param>
    /// <param name="forward">Computes y from a and b.</param>
    /// <param name="backward">Given a, b, y and dy = dLoss/dy, returns (dLoss/da, dLoss/db), each shaped like its operand (if
    /// the forward broadcast an operand, sum its gradient back to its shape), or null for an operand that needs no gradient.</param>
    /// <returns>A function that runs the op on two tensors of the same dtype.</returns>
    public static Func<Tensor, Tensor, Tensor> Create(string name, Func<Tensor, Tensor, Tensor> forward,
        Func<Tensor, Tensor, Tensor, Tensor, (Tensor? Da, Tensor? Db)> backward)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(backward);
        return (a, b) => new CustomOp(name, [a, b], inputs => forward(inputs[0], inputs[1]), (inputs, y, dy) =>
        {
            var (da, db) = backward(inputs[0], inputs[1], y, dy);
            return [da, db];
        }).Apply();
    }

    private Tensor Apply()
    {
        var output = Run(_forwardResult!.ShapeArray);
        _forwardResult = null;
        return output;
    }

    /// <inheritdoc />
    protected override void Forward<T>() => _forwardResult!.AsSpan<T>().CopyTo(Output.AsSpan<T>());

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        var dy = Tensor.Temporary(Output.ShapeArray, Output.DType, zeroed: false);
        outputGradient.CopyTo(dy.AsSpan<T>());
        var inputGradients = OpObservers.Unobserved(() => _backward(Inputs, Output, dy));
        for (int i = 0; i < Inputs.Count; i++)
        {
            if (inputGradients[i] is not { } contribution) continue;
            if (!contribution.ShapeArray.AsSpan().SequenceEqual(Inputs[i].ShapeArray) || contribution.DType != Inputs[i].DType)
                throw new InvalidOperationException($"{Name}: backward returned a {ShapeMath.Format(contribution.ShapeArray)} {Tensor.DTypeName(contribution.DType)} gradient for input {i}, which is {ShapeMath.Format(Inputs[i].ShapeArray)} {Tensor.DTypeName(Inputs[i].DType)}; a gradient must have its input's shape and dtype");
            if (gradients.TryGetGradient<T>(Inputs[i], out var dx))
                TensorPrimitives.Add(dx, contribution.AsSpan<T>(), dx);
        }
    }
}
