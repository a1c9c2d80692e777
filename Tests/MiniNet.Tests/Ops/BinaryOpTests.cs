using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

/// <summary>The broadcasting every element-wise binary op shares, checked against a reference that reads each operand
/// index by index: output index i maps to operand index i with the leading dimensions dropped and size-1 dimensions pinned to 0.</summary>
public class BinaryOpTests
{
    [Test]
    public void Broadcast_OnRandomCompatibleShapes_MatchesTheIndexByIndexReference()
    {
        var random = new Random(151);
        for (int trial = 0; trial < 100; trial++)
        {
            int rank = random.Next(0, 4);
            var full = Enumerable.Range(0, rank).Select(_ => random.Next(1, 4)).ToArray();
            var a = Uniform(trial, -1, 1, RandomOperandShape(full, random));
            var b = AwayFromZero(trial + 1000, 0.5, 2, RandomOperandShape(full, random));
            string shapes = $"{ShapeMath.Format([.. a.Shape])} and {ShapeMath.Format([.. b.Shape])}";

            AssertMatchesReference(a + b, a, b, (x, y) => x + y, $"add {shapes}");
            AssertMatchesReference(a - b, a, b, (x, y) => x - y, $"subtract {shapes}");
            AssertMatchesReference(a * b, a, b, (x, y) => x * y, $"multiply {shapes}");
            AssertMatchesReference(a / b, a, b, (x, y) => x / y, $"divide {shapes}");
        }
    }

    // A shape that broadcasts to `full`: some trailing dimensions of it, each kept or replaced by 1.
    private static int[] RandomOperandShape(int[] full, Random random)
    {
        int rank = random.Next(0, full.Length + 1);
        return full[(full.Length - rank)..].Select(d => random.Next(2) == 0 ? 1 : d).ToArray();
    }

    private static void AssertMatchesReference(Tensor result, Tensor a, Tensor b, Func<double, double, double> function, string what)
    {
        var shape = result.Shape.ToArray();
        var index = new int[shape.Length];
        var values = result.ToArray<double>();
        for (int flat = 0; flat < values.Length; flat++)
        {
            for (int d = shape.Length - 1, rest = flat; d >= 0; d--)
            {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }
            double expected = function(ElementFor(a, index), ElementFor(b, index));
            Assert.That(values[flat], Is.EqualTo(expected).Within(1e-15), $"{what}: element [{string.Join(",", index)}]");
        }
    }

    private static double ElementFor(Tensor operand, int[] resultIndex)
    {
        int skipped = resultIndex.Length - operand.Rank;
        var index = new int[operand.Rank];
        for (int d = 0; d < operand.Rank; d++) index[d] = operand.Shape[d] == 1 ? 0 : resultIndex[d + skipped];
        return operand[index];
    }
}
