using Playground.Drawing;
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
            new("z", $"w₁x₁ + w₂x₂ + b = {Sum(Product(w1, x1), Product(w2, x2), F(b))}", zValue,
                "The neuron's input: each input times its weight, plus the bias."),
            new("ŷ", $"σ(z) = 1 / (1 + e^{F(-zValue)})", outputValue,
                "The sigmoid squashes z into (0, 1): the neuron's output."),
            new("L", $"(ŷ − t)² = ({Sum(F(outputValue), F(-target))})²", loss.Item(),
                "The squared error: how far the output is from the target. The forward pass ends here."),
            new("∂L/∂ŷ", $"2(ŷ − t) = 2·({Sum(F(outputValue), F(-target))})", dOutput,
                "The backward pass starts at the loss: how fast L grows as ŷ grows."),
            new("∂ŷ/∂z", $"ŷ(1 − ŷ) = {Product(outputValue, 1 - outputValue, $"(1 − {F(outputValue)})")}", slope,
                "The sigmoid's slope at z: how fast ŷ grows as z grows."),
            new("∂L/∂z", $"∂L/∂ŷ · ∂ŷ/∂z = {Product(dOutput, slope)}", dz,
                "The chain rule: multiply the slopes along the path from z to L."),
            new("∂L/∂w₁", $"∂L/∂z · x₁ = {Product(dz, x1)}", gradients[2]![0, 0],
                "z grows by x₁ for each unit of w₁, so w₁'s gradient is ∂L/∂z times its input."),
            new("∂L/∂w₂", $"∂L/∂z · x₂ = {Product(dz, x2)}", gradients[2]![1, 0],
                "The same for w₂: a weight whose input is 0 gets no gradient."),
            new("∂L/∂b", $"∂L/∂z · 1 = {F(dz)}", gradients[3]![0],
                "The bias adds straight into z, so its gradient is ∂L/∂z itself."),
        ];
    }

    // Every number of a formula as the value beside it is shown (four significant digits, an exponent when very large or
    // small, so 1e300 stays short), with a true minus sign.
    private static string F(double value) => NumberText.Short(value).Replace('-', '−');

    // a·b, a negative second factor in brackets: "0.5·(−1)"; the product's sign leads, as a term of a sum wants it.
    private static string Product(double left, double right, string? rightText = null) =>
        $"{F(left)}·{rightText ?? (right < 0 ? $"({F(right)})" : F(right))}";

    // Terms joined with + or −, the sign of each term after the first written as the operator: "0.5·1 − 0.25·2 + 0.1".
    private static string Sum(params string[] terms) =>
        terms[0] + string.Concat(terms.Skip(1).Select(term => term.StartsWith('−') ? " − " + term[1..] : " + " + term));
}
