using MiniNet.Kernels;

namespace MiniNet.Tests.Kernels;

public class ElementwiseKernelsTests
{
    /// <summary>40,001 elements (split on two and three threads, with a ragged end): the copy is the source and the sum
    /// is each pair's sum, the same bits on every thread count.</summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void CopyAndAdd_LongSpan_EachElementOnAnyThreadCount(int threads)
    {
        var random = new Random(3);
        float[] source = [.. Enumerable.Range(0, 40_001).Select(_ => random.NextSingle())];
        float[] start = [.. Enumerable.Range(0, 40_001).Select(_ => random.NextSingle())];
        var (copy, sum) = (new float[source.Length], (float[])start.Clone());

        EngineThreads.Run(threads, () =>
        {
            ElementwiseKernels.Copy<float>(source, copy);
            ElementwiseKernels.Add<float>(sum, source);
        });

        Assert.That(copy, Is.EqualTo(source).AsCollection);
        for (int i = 0; i < sum.Length; i++) Assert.That(sum[i], Is.EqualTo(start[i] + source[i]), $"element {i}");
    }

    /// <summary>40,001 elements scaled by 0.37 (split on two and three threads, with a ragged end): each is its own
    /// product, rounded once, on every thread count; float64 too.</summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Scale_LongSpan_EachElementIsItsProductOnAnyThreadCount(int threads)
    {
        var random = new Random(5);
        double[] source = [.. Enumerable.Range(0, 40_001).Select(_ => random.NextDouble() - 0.5)];
        float[] single = [.. source.Select(v => (float)v)];
        var (scaled, scaledDouble) = (new float[source.Length], new double[source.Length]);

        EngineThreads.Run(threads, () =>
        {
            ElementwiseKernels.Scale<float>(single, 0.37f, scaled);
            ElementwiseKernels.Scale<double>(source, 0.37, scaledDouble);
        });

        for (int i = 0; i < source.Length; i++)
        {
            Assert.That(scaled[i], Is.EqualTo(single[i] * 0.37f), $"element {i}");
            Assert.That(scaledDouble[i], Is.EqualTo(source[i] * 0.37), $"element {i}");
        }
    }

    [Test]
    public void Add_LengthsDiffer_ThrowsNamingBoth()
    {
        Assert.That(() => ElementwiseKernels.Add<float>(new float[3], new float[4]),
            Throws.ArgumentException.With.Message.Contains("the source has 4 elements, the target 3"));
    }
}
