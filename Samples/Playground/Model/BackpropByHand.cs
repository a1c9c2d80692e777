using System.Globalization;
using MiniNet.Autodiff;
using MiniNet.Tensors;

namespace Playground.Model;

/// <summary>
/// Backprop by hand on one neuron: ŷ = σ(w₁x₁ + w₂x₂ + b) with squared-error loss L = (ŷ − t)². The forward values and
/// every gradient are the library's own (float64 tensors and a <see cref="GradientTape"/>); the formulas beside them show
/// the arithmetic a student does by hand to get the same numbers.
/// </summary>
public static class BackpropByHand
{
    /// <summary>The forward pass (z, ŷ, L), then the backward pass from ∂L/∂ŷ to the gradients of w₁, w₂ and b.</summary>
    public static IReadOnlyList<HandStep> Walk(double x1, double x2, double w1, double w2, double b, double target)
    {
        using var scope = new TensorScope();
        var inputs = new Tensor([x1, x2], 1, 2);
        var weights = new Variable(new Tensor([w1, w2], 2, 1), "w");
        var bias = new Variable(new Tensor([b], 1), "b");
        using var tape = new GradientTape(persistent: true);
        var z = inputs.MatMul(weights) + bias;
        var output = z.Sigmoid();
        var loss = (output - target).Square().Sum();
        tape.Dispose();

        var gradients = tape.Gradient(loss, [output, z, weights, bias]);
        double slope = tape.Gradient(output, [z])[0]!.Item();
        double zValue = z.Item(), outputValue = output.Item(), dOutput = gradients[0]!.Item(), dz = gradients[1]!.Item();
        return
        [
            new("z", $"w₁x₁ + w₂x₂ + b = {F(w1)}·{F(x1)} + {F(w2)}·{F(x2)} + {F(b)}", zValue,
                "The neuron's input: each input times its weight, plus the bias."),
            new("ŷ", $"σ(z) = 1 / (1 + e^−({F(zValue)}))", outputValue,
                "The sigmoid squashes z into (0, 1): the neuron's output."),
            new("L", $"(ŷ − t)² = ({F(outputValue)} − {F(target)})²", loss.Item(),
                "The squared error: how far the output is from the target. The forward pass ends here."),
            new("∂L/∂ŷ", $"2(ŷ − t) = 2·({F(outputValue)} − {F(target)})", dOutput,
                "The backward pass starts at the loss: how fast L grows as ŷ grows."),
            new("∂ŷ/∂z", $"ŷ(1 − ŷ) = {F(outputValue)}·(1 − {F(outputValue)})", slope,
                "The sigmoid's slope at z: how fast ŷ grows as z grows."),
            new("∂L/∂z", $"∂L/∂ŷ · ∂ŷ/∂z = {F(dOutput)} · {F(slope)}", dz,
                "The chain rule: multiply the slopes along the path from z to L."),
            new("∂L/∂w₁", $"∂L/∂z · x₁ = {F(dz)} · {F(x1)}", gradients[2]![0, 0],
                "z grows by x₁ for each unit of w₁, so w₁'s gradient is ∂L/∂z times its input."),
            new("∂L/∂w₂", $"∂L/∂z · x₂ = {F(dz)} · {F(x2)}", gradients[2]![1, 0],
                "The same for w₂: a weight whose input is 0 gets no gradient."),
            new("∂L/∂b", $"∂L/∂z · 1 = {F(dz)}", gradients[3]![0],
                "The bias adds straight into z, so its gradient is ∂L/∂z itself."),
        ];
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
