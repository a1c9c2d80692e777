using MiniNet.Autodiff;
using MiniNet.Kernels;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class DropoutOpTests
{
    private static bool[] Kept(Tensor y) => [.. Enumerable.Range(0, y.Length).Select(i => y.GetFlat(i) != 0)];

    [Test]
    public void Apply_EveryElement_IsDroppedToZeroOrScaledByOneOverKeepProbability()
    {
        var y = DropoutOp.Apply(Tensor.Ones([1000], DType.Float64), rate: 0.2, seed: 1, step: 0);

        Assert.That(y.ToArray<double>(), Is.All.EqualTo(0).Or.EqualTo(1 / 0.8));
    }

    /// <summary>With n = 200,000 and keep probability p, the kept fraction has standard deviation √(p(1−p)/n) ≈ 0.001;
    /// the tolerance is five of those.</summary>
    [TestCase(0.1)]
    [TestCase(0.5)]
    [TestCase(0.8)]
    public void Apply_LargeTensor_KeepsAFractionOfOneMinusRate(double rate)
    {
        var y = DropoutOp.Apply(Tensor.Ones([200_000]), rate, seed: 7, step: 3);

        double kept = Kept(y).Count(k => k) / 200_000.0;
        Assert.That(kept, Is.EqualTo(1 - rate).Within(5 * Math.Sqrt(rate * (1 - rate) / 200_000)));
    }

    /// <summary>Inverted dropout keeps the expected value: over many steps, each element's mean output approaches its input.
    /// With 2,000 steps at rate 0.5 an element's mean has standard deviation |x|/√2000 ≈ 0.022·|x|; the mean over 50
    /// elements of the relative error has about 0.0032, and the tolerance is five of those.</summary>
    [Test]
    public void Apply_AveragedOverSteps_PreservesTheExpectedValue()
    {
        var x = Uniform(1, 1, 2, 50);
        var sum = new double[50];
        for (int step = 0; step < 2000; step++)
        {
            var y = DropoutOp.Apply(x, rate: 0.5, seed: 11, step);
            for (int i = 0; i < 50; i++) sum[i] += y.GetFlat(i);
        }

        double meanRelativeError = Enumerable.Range(0, 50).Average(i => sum[i] / 2000 / x.GetFlat(i) - 1);
        Assert.That(meanRelativeError, Is.EqualTo(0).Within(5 * 0.0032));
    }

    [Test]
    public void Apply_SameSeedAndStep_DrawsTheSameMaskInEitherDType()
    {
        var x = Tensor.Ones([4096], DType.Float64);

        var first = Kept(DropoutOp.Apply(x, 0.5, seed: 3, step: 9));
        var again = Kept(DropoutOp.Apply(x, 0.5, seed: 3, step: 9));
        var float32 = Kept(DropoutOp.Apply(x.To(DType.Float32), 0.5, seed: 3, step: 9));

        Assert.That(again, Is.EqualTo(first));
        Assert.That(float32, Is.EqualTo(first));
    }

    /// <summary>Two independent masks of 4,096 elements at rate 0.5 agree on about half of them; equal masks would agree on all.</summary>
    [TestCase(3, 10)]
    [TestCase(4, 9)]
    public void Apply_AnotherStepOrSeed_DrawsAnIndependentMask(int seed, int step)
    {
        var x = Tensor.Ones([4096]);

        var reference = Kept(DropoutOp.Apply(x, 0.5, seed: 3, step: 9));
        var other = Kept(DropoutOp.Apply(x, 0.5, seed, step));

        double agreement = reference.Zip(other).Count(pair => pair.First == pair.Second) / 4096.0;
        Assert.That(agreement, Is.EqualTo(0.5).Within(0.05));
    }

    [Test]
    public void Apply_Gradient_MatchesFiniteDifferences()
    {
        var x = Uniform(2, -1, 1, 6, 7);

        GradientChecking.AssertMatchesFiniteDifferences(input => DropoutOp.Apply(input, 0.4, seed: 5, step: 2), x);
    }

    [Test]
    public void Apply_Gradient_IsTheUpstreamGradientThroughTheForwardMask()
    {
        var x = Uniform(3, 1, 2, 500);
        var upstream = Uniform(4, -1, 1, 500);
        using var tape = new GradientTape();
        tape.Watch(x);

        var y = DropoutOp.Apply(x, 0.3, seed: 8, step: 1);
        var dx = tape.Gradient((y * upstream).Sum(), [x])[0]!;

        for (int i = 0; i < 500; i++)
            Assert.That(dx.GetFlat(i), Is.EqualTo(y.GetFlat(i) == 0 ? 0 : upstream.GetFlat(i) / 0.7).Within(1e-15), $"element {i}");
    }

    /// <summary>x read by two dropouts: the second contribution to reach x's gradient is added to the first, so each element
    /// gets 2 (the scale at rate 0.5) from every mask that kept it.</summary>
    [Test]
    public void Apply_InputReadByTwoDropouts_GradientIsTheSumOfBothMasks()
    {
        var x = Uniform(5, 1, 2, 300);
        using var tape = new GradientTape();
        tape.Watch(x);

        var (first, second) = (DropoutOp.Apply(x, 0.5, seed: 4, step: 0), DropoutOp.Apply(x, 0.5, seed: 4, step: 1));
        var dx = tape.Gradient(first.Sum() + second.Sum(), [x])[0]!;

        var expected = Enumerable.Range(0, 300).Select(i => (first.GetFlat(i) == 0 ? 0.0 : 2) + (second.GetFlat(i) == 0 ? 0.0 : 2));
        Assert.That(dx.ToArray<double>(), Is.EqualTo(expected).AsCollection);
    }

    /// <summary>A tensor large enough to be split across threads draws the same mask on one thread and on two.</summary>
    [Test]
    public void Apply_OneOrTwoThreads_SameMask()
    {
        var x = Tensor.Ones([100_000]);
        int saved = Engine.Threads;
        try
        {
            Engine.Threads = 1;
            var one = DropoutOp.Apply(x, 0.5, seed: 1, step: 1).ToArray<float>();
            Engine.Threads = 2;
            var two = DropoutOp.Apply(x, 0.5, seed: 1, step: 1).ToArray<float>();
            Assert.That(two, Is.EqualTo(one));
        }
        finally
        {
            Engine.Threads = saved;
        }
    }

    /// <summary>The float kernel's vector loop (sixteen elements at a time) and its scalar tail give each element exactly
    /// x·scale where <see cref="DropoutKernels.Keeps"/> says kept and +0 elsewhere, also for a length no multiple of 16 split
    /// across two threads, and for a NaN that is dropped.</summary>
    [TestCase(1, 1_003)]
    [TestCase(2, 100_003)]
    public void Apply_Float32_EveryElementIsTheScalarRulesValue(int threads, int length)
    {
        var values = Uniform(6, -3, 3, length).To(DType.Float32).ToArray<float>();
        values[5] = float.NaN;
        var x = new Tensor(values, length);
        ulong key = DropoutKernels.StreamKey(21, 4), threshold = DropoutKernels.KeepThreshold(0.7);
        int saved = Engine.Threads;
        try
        {
            Engine.Threads = threads;
            var y = DropoutOp.Apply(x, 0.3, seed: 21, step: 4).ToArray<float>();
            for (int i = 0; i < length; i++)
            {
                float expected = DropoutKernels.Keeps(key, i, threshold) ? values[i] * (float)(1 / 0.7) : 0f;
                if (BitConverter.SingleToInt32Bits(y[i]) != BitConverter.SingleToInt32Bits(expected))
                    Assert.Fail($"element {i}: {y[i]} where the scalar rule gives {expected}");
            }
        }
        finally
        {
            Engine.Threads = saved;
        }
    }

    [TestCase(-0.1)]
    [TestCase(1.0)]
    [TestCase(double.NaN)]
    public void Apply_RateOutsideZeroToOne_ThrowsNamingTheValue(double rate)
    {
        Assert.That(() => DropoutOp.Apply(Tensor.Ones([3]), rate, seed: 0, step: 0),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains($"dropout: rate must be in [0, 1), got {rate}"));
    }

    [Test]
    public void Apply_OnATape_ListedWithItsShapes()
    {
        var x = Tensor.Ones([4, 10]);
        using var tape = new GradientTape();
        tape.Watch(x);

        DropoutOp.Apply(x, 0.5, seed: 0, step: 0);

        Assert.That(tape.Operations.Single().ToString(), Is.EqualTo("dropout (4,10) -> (4,10)"));
        Assert.That(GraphvizExport.ToDot(tape.Graph), Does.Contain(@"dropout\n(4,10)"));
    }
}
