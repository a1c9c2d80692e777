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

    /// <summary>40,001 elements scaled by 0.3 and clamped to [-0.1, 0.2]: the bits of TensorPrimitives' Multiply then Clamp
    /// over the whole span, on every thread count.</summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void ScaleAndClamp_LongSpan_IsMultiplyThenClampOnAnyThreadCount(int threads)
    {
        var random = new Random(4);
        float[] source = [.. Enumerable.Range(0, 40_001).Select(_ => 2 * random.NextSingle() - 1)];
        var clipped = new float[source.Length];

        EngineThreads.Run(threads, () =>
        {
            ElementwiseKernels.ScaleAndClamp<float>(source, clipped, 0.3f, -0.1f, 0.2f);
            return 0;
        });

        var expected = new float[source.Length];
        System.Numerics.Tensors.TensorPrimitives.Multiply(source, 0.3f, expected);
        System.Numerics.Tensors.TensorPrimitives.Clamp(expected, -0.1f, 0.2f, expected);
        Assert.That(clipped, Is.EqualTo(expected).AsCollection);
        Assert.That(clipped.Max(), Is.EqualTo(0.2f));
    }

    [Test]
    public void Add_LengthsDiffer_ThrowsNamingBoth()
    {
        Assert.That(() => ElementwiseKernels.Add<float>(new float[3], new float[4]),
            Throws.ArgumentException.With.Message.Contains("the source has 4 elements, the target 3"));
    }
}
