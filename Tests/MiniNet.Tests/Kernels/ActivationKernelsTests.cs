using MiniNet.Kernels;

namespace MiniNet.Tests.Kernels;

/// <summary>The vectorised activation gradients give, element for element, the bits of the scalar formula they replace (the
/// same operations in the same order), over whole vectors and the tail after them.</summary>
public class ActivationKernelsTests
{
    private static readonly int[] Lengths = [1, 3, 8, 37, 256];

    [TestCaseSource(nameof(Lengths))]
    public void TanhAddGradient_SameBitsAsTheScalarFormula(int length)
    {
        var (y, dy, dx) = Operands(length, seed: length);
        float[] expected = [.. dx.Select((start, i) => start + dy[i] * (1f - y[i] * y[i]))];

        ActivationKernels.TanhAddGradient<float>(y, dy, dx);

        Assert.That(dx, Is.EqualTo(expected).AsCollection);
    }

    [TestCaseSource(nameof(Lengths))]
    public void SigmoidAddGradient_SameBitsAsTheScalarFormula(int length)
    {
        var (y, dy, dx) = Operands(length, seed: 100 + length);
        float[] expected = [.. dx.Select((start, i) => start + dy[i] * y[i] * (1f - y[i]))];

        ActivationKernels.SigmoidAddGradient<float>(y, dy, dx);

        Assert.That(dx, Is.EqualTo(expected).AsCollection);
    }

    [Test]
    public void TanhAddGradient_Float64_SameBitsAsTheScalarFormula()
    {
        var random = new Random(7);
        double[] y = [.. Enumerable.Range(0, 37).Select(_ => random.NextDouble() * 2 - 1)];
        double[] dy = [.. Enumerable.Range(0, 37).Select(_ => random.NextDouble() * 2 - 1)];
        double[] dx = [.. Enumerable.Range(0, 37).Select(_ => random.NextDouble() * 2 - 1)];
        double[] expected = [.. dx.Select((start, i) => start + dy[i] * (1 - y[i] * y[i]))];

        ActivationKernels.TanhAddGradient<double>(y, dy, dx);

        Assert.That(dx, Is.EqualTo(expected).AsCollection);
    }

    private static (float[] Y, float[] Dy, float[] Dx) Operands(int length, int seed)
    {
        var random = new Random(seed);
        float[] Next() => [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        return (Next(), Next(), Next());
    }
}
