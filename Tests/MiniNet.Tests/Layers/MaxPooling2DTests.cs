using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Layers;

public class MaxPooling2DTests
{
    [TestCase(2, null, Padding.Valid, new[] { 14, 14, 3 })]
    [TestCase(2, null, Padding.Same, new[] { 14, 14, 3 })]
    [TestCase(3, 2, Padding.Valid, new[] { 13, 13, 3 })]
    [TestCase(3, 2, Padding.Same, new[] { 14, 14, 3 })]
    [TestCase(5, 3, Padding.Valid, new[] { 8, 8, 3 })]
    [TestCase(5, 3, Padding.Same, new[] { 10, 10, 3 })]
    public void OutputShape_InAModel_FollowsKeras(int poolSize, int? strides, Padding padding, int[] expected)
    {
        var model = new Sequential([28, 28, 3], [new MaxPooling2D(poolSize, strides, padding)]);

        Assert.That(model.OutputShape, Is.EqualTo(expected));
        Assert.That(model.Call(Tensor.Zeros([2, 28, 28, 3])).Shape, Is.EqualTo((int[])[2, .. expected]));
    }

    [Test]
    public void Call_IsTheMaxPoolingOp()
    {
        var x = Uniform(1, -1, 1, 2, 6, 6, 4);
        var model = new Sequential([6, 6, 4], [new MaxPooling2D(3, 2, Padding.Same)], dtype: DType.Float64);

        Assert.That(model.Call(x).ToArray<double>(), Is.EqualTo(MaxPooling2DOp.Apply(x, 3, 2, Padding.Same).ToArray<double>()));
    }

    [Test]
    public void Build_FlatInputs_ThrowsSayingItTakesImages()
    {
        Assert.That(() => new Sequential(10, [new MaxPooling2D()]), Throws.ArgumentException
            .With.Message.EqualTo("layer 'maxpooling2d_0' (MaxPooling2D) takes images (height, width, channels), but its input examples are (10)"));
    }

    [Test]
    public void Build_ValidWindowLargerThanTheImage_Throws()
    {
        Assert.That(() => new Sequential([2, 2, 1], [new MaxPooling2D(3)]), Throws.ArgumentException.With.Message.Contains("does not fit"));
    }

    [TestCase(0, null)]
    [TestCase(2, 0)]
    public void Constructor_SizeOrStrideBelowOne_Throws(int poolSize, int? strides)
    {
        Assert.That(() => new MaxPooling2D(poolSize, strides), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("must be at least 1"));
    }
}
