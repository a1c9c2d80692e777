using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Layers;

public class AveragePooling2DTests
{
    [Test]
    public void Call_IsTheAveragePoolingOp()
    {
        var x = Uniform(1, -1, 1, 2, 7, 5, 3);
        var model = new Sequential([7, 5, 3], [new AveragePooling2D(2, padding: Padding.Same)], dtype: DType.Float64);

        Assert.That(model.OutputShape, Is.EqualTo(new[] { 4, 3, 3 }));
        Assert.That(model.Call(x).ToArray<double>(), Is.EqualTo(AveragePooling2DOp.Apply(x, 2, 2, Padding.Same).ToArray<double>()));
    }

    [Test]
    public void Defaults_AreKerasPoolSizeTwoStridesEqualToItValidPadding()
    {
        var layer = new AveragePooling2D();

        Assert.That((layer.PoolSize, layer.Strides, layer.Padding), Is.EqualTo((2, 2, Padding.Valid)));
    }
}
