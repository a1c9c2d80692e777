using MiniNet.Autodiff;
using MiniNet.Tensors;
using Playground.Model;

namespace MiniNet.Playground.Tests.Model;

public class RacersMatMulOpTests
{
    // Values away from 0 and from each other, in [-1.5, 1.5).
    private static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() * 3 - 1.5)];
    }

    [Test]
    public void StackedInputs_PassGradientCheck()
    {
        var inputs = new Tensor(Values(2 * 3 * 4, 1), 2, 3, 4);
        var kernels = new Tensor(Values(2 * 4 * 5, 2), 2, 4, 5);

        var result = GradientCheck.Run(t => RacersMatMulOp.Apply(t[0], t[1]), inputs, kernels);

        Assert.That(result.Passed, Is.True, result.ToString());
    }

    [Test]
    public void SharedInputs_PassGradientCheck_TheirGradientSummedOverTheRacers()
    {
        var inputs = new Tensor(Values(3 * 4, 3), 3, 4);
        var kernels = new Tensor(Values(2 * 4 * 5, 4), 2, 4, 5);

        var result = GradientCheck.Run(t => RacersMatMulOp.Apply(t[0], t[1]), inputs, kernels);

        Assert.That(result.Passed, Is.True, result.ToString());
    }

    [Test]
    public void EachRacersPart_IsItsOwnMatMul_BitForBit()
    {
        var inputs = new Tensor([.. Values(2 * 7 * 3, 5).Select(v => (float)v)], 2, 7, 3);
        var kernels = new Tensor([.. Values(2 * 3 * 4, 6).Select(v => (float)v)], 2, 3, 4);

        var outputs = RacersMatMulOp.Apply(inputs, kernels).ToArray<float>();

        for (int racer = 0; racer < 2; racer++)
        {
            var own = new Tensor(inputs.ToArray<float>()[(racer * 21)..((racer + 1) * 21)], 7, 3)
                .MatMul(new Tensor(kernels.ToArray<float>()[(racer * 12)..((racer + 1) * 12)], 3, 4));
            Assert.That(outputs[(racer * 28)..((racer + 1) * 28)], Is.EqualTo(own.ToArray<float>()), $"racer {racer + 1}");
        }
    }

    [Test]
    public void MismatchedShapes_NameBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => RacersMatMulOp.Apply(Tensor.Zeros([3, 5]), Tensor.Zeros([2, 4, 5])));

        Assert.That(error!.Message, Does.Contain("racers_matmul: (3,5) x (2,4,5)"));
    }
}
