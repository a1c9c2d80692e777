using MiniNet.Autodiff;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class AveragePooling2DOpTests
{
    [Test]
    public void Apply_SamePadding_AveragesOnlyThePositionsInsideTheInput()
    {
        // 3x3 input, 2x2 windows side by side with same padding: 2x2 outputs, the right and bottom windows overhang.
        var x = new Tensor([1.0, 2, 3, 4, 5, 6, 7, 8, 9], 1, 3, 3, 1);

        var y = AveragePooling2DOp.Apply(x, padding: Padding.Same);

        // (1+2+4+5)/4, (3+6)/2, (7+8)/2, 9/1
        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 3.0, 4.5, 7.5, 9 }));
    }

    [TestCaseSource(typeof(MaxPooling2DOpTests), nameof(MaxPooling2DOpTests.Cases))]
    public void Apply_MatchesTheNaiveReference(int height, int width, int channels, int poolSize, int strides, Padding padding)
    {
        var x = Uniform(1, -3, 3, 2, height, width, channels);

        var y = AveragePooling2DOp.Apply(x, poolSize, strides, padding);
        var y32 = AveragePooling2DOp.Apply(x.To(DType.Float32), poolSize, strides, padding);

        var expected = NaivePooling.Flat(NaivePooling.Pool(x, poolSize, strides, padding, average: true));
        Assert.That(y.ToArray<double>(), Is.EqualTo(expected).Within(1e-12));
        Assert.That(y32.ToArray<float>(), Is.EqualTo(expected).Within(1e-5));
    }

    [TestCaseSource(typeof(MaxPooling2DOpTests), nameof(MaxPooling2DOpTests.Cases))]
    public void Apply_Gradient_MatchesFiniteDifferences(int height, int width, int channels, int poolSize, int strides, Padding padding)
    {
        var x = Uniform(2, -1, 1, 2, height, width, channels);

        GradientChecking.AssertMatchesFiniteDifferences(input => AveragePooling2DOp.Apply(input, poolSize, strides, padding), x);
    }

    [Test]
    public void Apply_OverlappingWindows_EachInputReceivesItsShareFromEveryWindow()
    {
        // 3x3 input, 2x2 windows at stride 1: the centre lies in all four windows, an edge in two, a corner in one.
        var x = Tensor.Zeros([1, 3, 3, 1], DType.Float64);
        using var tape = new GradientTape();
        tape.Watch(x);

        var dx = tape.Gradient(AveragePooling2DOp.Apply(x, poolSize: 2, strides: 1).Sum(), [x])[0]!;

        Assert.That(dx.ToArray<double>(), Is.EqualTo(new[] { 0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25 }));
    }

    [Test]
    public void Apply_OnATape_ListedWithItsShapes()
    {
        var x = Tensor.Zeros([2, 5, 5, 3]);
        using var tape = new GradientTape();
        tape.Watch(x);

        AveragePooling2DOp.Apply(x, poolSize: 2, padding: Padding.Same);

        Assert.That(tape.Operations.Single().ToString(), Is.EqualTo("avg_pool2d (2,5,5,3) -> (2,3,3,3)"));
        Assert.That(GraphvizExport.ToDot(tape.Graph), Does.Contain(@"avg_pool2d\n(2,3,3,3)"));
    }
}
