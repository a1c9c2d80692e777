using MiniNet.Autodiff;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;

namespace MiniNet.Tests.Layers;

public class FlattenTests
{
    /// <summary>Keras's channels-last order: element (h, w, c) of an example goes to column (h·W + w)·C + c.</summary>
    [Test]
    public void Call_KeepsChannelsLastOrder()
    {
        const int height = 2, width = 3, channels = 4;
        var x = Tensor.Zeros([2, height, width, channels], DType.Float64);
        for (int n = 0; n < 2; n++)
        for (int h = 0; h < height; h++)
        for (int w = 0; w < width; w++)
        for (int c = 0; c < channels; c++)
            x[n, h, w, c] = 1000 * n + 100 * h + 10 * w + c;
        var model = new Sequential([height, width, channels], [new Flatten()], dtype: DType.Float64);

        var y = model.Call(x);

        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 24 }));
        for (int n = 0; n < 2; n++)
        for (int h = 0; h < height; h++)
        for (int w = 0; w < width; w++)
        for (int c = 0; c < channels; c++)
            Assert.That(y[n, (h * width + w) * channels + c], Is.EqualTo(1000 * n + 100 * h + 10 * w + c));
    }

    [Test]
    public void Build_ImageThenDense_GivesDenseTheFlatWidth()
    {
        var dense = new Dense(5);

        var model = new Sequential([4, 4, 3], [new Flatten(), dense]);

        Assert.That(model.Layers[0].OutputShape, Is.EqualTo(new[] { 48 }));
        Assert.That(dense.Kernel.Shape, Is.EqualTo(new[] { 48, 5 }));
    }

    [Test]
    public void Call_OnATape_IsOneReshapeThatPassesTheGradientBack()
    {
        var x = Tensor.Ones([2, 3, 3, 1], DType.Float64);
        var model = new Sequential([3, 3, 1], [new Flatten()], dtype: DType.Float64);
        using var tape = new GradientTape();
        tape.Watch(x);

        var y = model.Call(x);
        string recorded = tape.Operations.Single().ToString();
        var dx = tape.Gradient((y * 2.0).Sum(), [x])[0]!;

        Assert.That(recorded, Is.EqualTo("reshape (2,3,3,1) -> (2,9)"));
        Assert.That(dx.ToArray<double>(), Is.All.EqualTo(2));
    }
}
