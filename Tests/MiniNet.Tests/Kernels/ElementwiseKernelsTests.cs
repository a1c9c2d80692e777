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
            return 0;
        });

        Assert.That(copy, Is.EqualTo(source).AsCollection);
        for (int i = 0; i < sum.Length; i++) Assert.That(sum[i], Is.EqualTo(start[i] + source[i]), $"element {i}");
    }

    [Test]
    public void Add_LengthsDiffer_ThrowsNamingBoth()
    {
        Assert.That(() => ElementwiseKernels.Add<float>(new float[3], new float[4]),
            Throws.ArgumentException.With.Message.Contains("the source has 4 elements, the target 3"));
    }
}
