using MiniNet.Autodiff;
using MiniNet.Kernels;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class MaxPooling2DOpTests
{
    // (height, width, channels, poolSize, strides, padding): side-by-side, overlapping and gapped windows, both paddings, and
    // channel counts below, at and beyond a vector (19 = vectors plus a scalar tail).
    public static readonly object[] Cases =
    [
        new object[] { 4, 4, 1, 2, 2, Padding.Valid },
        new object[] { 5, 7, 3, 2, 2, Padding.Valid },
        new object[] { 5, 7, 3, 2, 2, Padding.Same },
        new object[] { 6, 5, 19, 3, 1, Padding.Valid },
        new object[] { 6, 5, 19, 3, 1, Padding.Same },
        new object[] { 7, 6, 8, 3, 2, Padding.Same },
        new object[] { 7, 7, 2, 2, 3, Padding.Valid },
        new object[] { 7, 7, 2, 2, 3, Padding.Same },
    ];

    [Test]
    public void Apply_TwoByTwoWindows_TakesEachWindowsLargestValue()
    {
        var x = new Tensor([1.0, 2, 5, 3, 4, 0, -1, 8, 9, -2, 6, 6, 7, 3, 6, 0], 1, 4, 4, 1);

        var y = MaxPooling2DOp.Apply(x);

        Assert.That(y.Shape, Is.EqualTo(new[] { 1, 2, 2, 1 }));
        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 4.0, 8, 9, 6 }));
    }

    [TestCaseSource(nameof(Cases))]
    public void Apply_MatchesTheNaiveReference(int height, int width, int channels, int poolSize, int strides, Padding padding)
    {
        var x = Uniform(1, -3, 3, 2, height, width, channels);

        var y = MaxPooling2DOp.Apply(x, poolSize, strides, padding);
        var y32 = MaxPooling2DOp.Apply(x.To(DType.Float32), poolSize, strides, padding);

        var expected = NaivePooling.Pool(x, poolSize, strides, padding, average: false);
        Assert.That(y.Shape, Is.EqualTo(new[] { 2, expected.GetLength(1), expected.GetLength(2), channels }));
        Assert.That(y.ToArray<double>(), Is.EqualTo(NaivePooling.Flat(expected)));
        Assert.That(y32.ToArray<float>(), Is.EqualTo(NaivePooling.Flat(expected).Select(v => (float)v).ToArray()));
    }

    /// <summary>Distinct inputs, 0.1 apart, keep every maximum unique under a finite-difference step.</summary>
    [TestCaseSource(nameof(Cases))]
    public void Apply_Gradient_MatchesFiniteDifferences(int height, int width, int channels, int poolSize, int strides, Padding padding)
    {
        var x = Distinct(2, 2, height, width, channels);

        GradientChecking.AssertMatchesFiniteDifferences(input => MaxPooling2DOp.Apply(input, poolSize, strides, padding), x);
    }

    [TestCase(DType.Float32)]
    [TestCase(DType.Float64)]
    public void Apply_TiedWindow_RoutesTheGradientToTheFirstMaximumInRowMajorOrder(DType dtype)
    {
        // One 2x2 window, 19 channels (vector lanes and a scalar tail); channel c holds its maximum 1 at positions chosen
        // so that the first in row-major order is (0,1) for even c and (1,0) for odd c.
        const int channels = 19;
        var values = new double[2 * 2 * channels];
        for (int c = 0; c < channels; c++)
        {
            values[(0 * 2 + 1) * channels + c] = c % 2 == 0 ? 1 : 0;
            values[(1 * 2 + 0) * channels + c] = 1;
            values[(1 * 2 + 1) * channels + c] = 1;
        }
        var x = new Tensor(values, 1, 2, 2, channels).To(dtype);
        using var tape = new GradientTape();
        tape.Watch(x);

        var dx = tape.Gradient(MaxPooling2DOp.Apply(x).Sum(), [x])[0]!;

        var expected = new double[values.Length];
        for (int c = 0; c < channels; c++) expected[(c % 2 == 0 ? 1 : 2) * channels + c] = 1;
        Assert.That(Enumerable.Range(0, dx.Length).Select(i => dx.GetFlat(i)), Is.EqualTo(expected));
    }

    [TestCase(7, 2, null, Padding.Valid, 3)]
    [TestCase(7, 2, null, Padding.Same, 4)]
    [TestCase(7, 3, 2, Padding.Valid, 3)]
    [TestCase(7, 3, 2, Padding.Same, 4)]
    [TestCase(8, 3, 1, Padding.Valid, 6)]
    [TestCase(8, 3, 1, Padding.Same, 8)]
    [TestCase(2, 3, 1, Padding.Same, 2)]
    public void Apply_OutputShape_FollowsKerasForValidAndSamePadding(int size, int poolSize, int? strides, Padding padding, int expected)
    {
        var y = MaxPooling2DOp.Apply(Tensor.Zeros([3, size, size + 1, 2]), poolSize, strides, padding);

        Assert.That(y.Shape, Is.EqualTo(new[] { 3, expected, NaivePooling.Extent(size + 1, poolSize, strides ?? poolSize, padding).Length, 2 }));
        Assert.That(Pooling2DOp.OutputLength(size, poolSize, strides ?? poolSize, padding), Is.EqualTo(expected));
    }

    [Test]
    public void Apply_ValidWindowLargerThanTheInput_ThrowsNamingTheOpAndTheShape()
    {
        Assert.That(() => MaxPooling2DOp.Apply(Tensor.Zeros([1, 2, 5, 1]), poolSize: 3),
            Throws.ArgumentException.With.Message.Contains("max_pool2d: x (1,2,5,1)").And.Message.Contains("does not fit"));
    }

    [Test]
    public void Apply_NotRankFour_ThrowsNamingTheOp()
    {
        Assert.That(() => MaxPooling2DOp.Apply(Tensor.Zeros([4, 4, 1])),
            Throws.ArgumentException.With.Message.Contains("max_pool2d: x (4,4,1) must be (batch, height, width, channels)"));
    }

    /// <summary>A batch large enough to be split across threads gives the same bits on one thread and on two.</summary>
    [Test]
    public void Apply_OneOrTwoThreads_BitIdenticalForwardAndBackward()
    {
        var x = Uniform(3, -1, 1, 16, 12, 12, 24).To(DType.Float32);
        var upstream = Uniform(4, -1, 1, 16, 11, 11, 24).To(DType.Float32);
        var (y1, dx1) = Run(1);
        var (y2, dx2) = Run(2);

        Assert.That(y2, Is.EqualTo(y1));
        Assert.That(dx2, Is.EqualTo(dx1));

        (float[] Y, float[] Dx) Run(int threads)
        {
            int saved = Engine.Threads;
            try
            {
                Engine.Threads = threads;
                using var tape = new GradientTape();
                tape.Watch(x);
                var y = MaxPooling2DOp.Apply(x, poolSize: 2, strides: 1);
                var dx = tape.Gradient((y * upstream).Sum(), [x])[0]!;
                return (y.ToArray<float>(), dx.ToArray<float>());
            }
            finally
            {
                Engine.Threads = saved;
            }
        }
    }

    [Test]
    public void Apply_OnATape_ListedAndDrawnWithItsShapes()
    {
        var x = Tensor.Zeros([2, 8, 8, 3]);
        using var tape = new GradientTape();
        tape.Watch(x);

        MaxPooling2DOp.Apply(x);

        Assert.That(tape.Operations.Single().ToString(), Is.EqualTo("max_pool2d (2,8,8,3) -> (2,4,4,3)"));
        Assert.That(tape.Graph.ToString(), Does.Match(@"#1\s+max_pool2d\(#0\)\s+\(2,4,4,3\)"));
        Assert.That(GraphvizExport.ToDot(tape.Graph), Does.Contain(@"max_pool2d\n(2,4,4,3)"));
    }
}
