using MiniNet.Autodiff;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Tests.Layers;

public class Conv2DTests
{
    [TestCase(Padding.Valid, 1, 26, 26)]
    [TestCase(Padding.Same, 1, 28, 28)]
    [TestCase(Padding.Valid, 2, 13, 13)]
    [TestCase(Padding.Same, 2, 14, 14)]
    public void Build_OutputShape_FollowsKeras(Padding padding, int strides, int height, int width)
    {
        var conv = new Conv2D(32, 3, strides: strides, padding: padding);

        _ = new Sequential([28, 28, 1], [conv]);

        Assert.That(conv.OutputShape, Is.EqualTo(new[] { height, width, 32 }));
        Assert.That(conv.Kernel.Shape, Is.EqualTo(new[] { 3, 3, 1, 32 }), "Keras's (KH, KW, Cin, Cout)");
        Assert.That(conv.Bias!.Shape, Is.EqualTo(new[] { 32 }));
    }

    [Test]
    public void Build_Kernel_IsGlorotUniformOverTheReceptiveField()
    {
        var conv = new Conv2D(64, 3);
        _ = new Sequential([13, 13, 32], [conv], seed: 3);

        // Keras: fan in = 3·3·32, fan out = 3·3·64, limit = √(6 / (fan in + fan out)).
        double limit = Math.Sqrt(6.0 / (9 * 32 + 9 * 64));
        float[] values = conv.Kernel.ToArray<float>();
        Assert.That(values.Max(), Is.LessThanOrEqualTo(limit).And.GreaterThan(0.9 * limit));
        Assert.That(values.Min(), Is.GreaterThanOrEqualTo(-limit).And.LessThan(-0.9 * limit));
        Assert.That(conv.Bias!.ToArray<float>(), Is.All.EqualTo(0f));
    }

    [Test]
    public void Call_IsTheConvolutionPlusBiasThroughTheActivation()
    {
        var conv = new Conv2D(2, 2, Activation.Relu);
        _ = new Sequential([3, 3, 1], [conv], seed: 1, dtype: DType.Float64);
        conv.Bias!.Assign(new Tensor([0.5, -100.0], 2));
        var x = new Tensor([1.0, 2, 3, 4, 5, 6, 7, 8, 9], 1, 3, 3, 1);

        double[] y = conv.Call(x).ToArray<double>();
        double[] convolved = Conv2DOp.Apply(x, conv.Kernel, 1, 1, Padding.Valid).ToArray<double>();

        for (int i = 0; i < y.Length; i++)
            Assert.That(y[i], Is.EqualTo(Math.Max(0, convolved[i] + (i % 2 == 0 ? 0.5 : -100))), $"element {i}");
        Assert.That(y.Where((_, i) => i % 2 == 1), Is.All.EqualTo(0.0), "the second filter's bias pushes it below zero");
    }

    [Test]
    public void Gradients_OfInputKernelAndBias_MatchFiniteDifferences()
    {
        var conv = new Conv2D(3, 2, Activation.Tanh, strides: 2, padding: Padding.Same);
        _ = new Sequential([5, 4, 2], [conv], seed: 5, dtype: DType.Float64);
        var random = new Random(9);
        var x = new Tensor([.. Enumerable.Range(0, 2 * 5 * 4 * 2).Select(_ => random.NextDouble() - 0.5)], 2, 5, 4, 2);

        Tensor Loss() => conv.Call(x).Square().Sum();
        var tape = new GradientTape();
        Tensor loss;
        using (tape)
        {
            tape.Watch(x);
            loss = Loss();
        }
        Tensor[] sources = [x, conv.Kernel, conv.Bias!];
        var gradients = tape.Gradient(loss, sources);

        for (int i = 0; i < sources.Length; i++)
        {
            double[] numerical = GradientChecking.NumericalGradient(() => Loss().Item(), sources[i]);
            Assert.That(GradientChecking.RelativeError(gradients[i]!.ToArray<double>(), numerical), Is.LessThan(1e-6), $"source {i}");
        }
    }

    [Test]
    public void Build_FlatInput_SaysItTakesImages()
    {
        Assert.That(() => new Sequential(10, [new Conv2D(4, 3)]),
            Throws.ArgumentException.With.Message.EqualTo("layer 'conv2d_0' (Conv2D) takes images (height, width, channels), but its input examples are (10)"));
    }
}
