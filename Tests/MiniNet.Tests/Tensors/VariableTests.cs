using MiniNet.Tensors;

namespace MiniNet.Tests.Tensors;

public class VariableTests
{
    [Test]
    public void Assign_CopiesTheValuesIn()
    {
        var w = new Variable(Tensor.Zeros([2], DType.Float64), "w");

        w.Assign(new Tensor([1.0, 2], 2));

        Assert.That(w.ToArray<double>(), Is.EqualTo(new[] { 1.0, 2 }));
    }

    [Test]
    public void Assign_ValueOfAnotherShape_ThrowsNamingTheVariableAndBothShapes()
    {
        var w = new Variable(Tensor.Zeros([2]), "dense_0/bias");

        Assert.That(() => w.Assign(Tensor.Zeros([3])), Throws.ArgumentException
            .With.Message.StartsWith("assign: variable 'dense_0/bias' is (2) float32 but the value is (3) float32"));
    }

    [Test]
    public void ToString_ShowsNameShapeAndDType()
    {
        Assert.That(new Variable(Tensor.Zeros([784, 128]), "dense_0/kernel").ToString(), Is.EqualTo("Variable dense_0/kernel (784,128) float32"));
    }

    [Test]
    public void Constructor_NullInitialValue_ThrowsNamingIt()
    {
        Assert.That(() => new Variable(null!, "w"), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("initialValue"));
    }

    [Test]
    public void Assign_Null_ThrowsNamingIt()
    {
        Assert.That(() => new Variable(Tensor.Zeros([2]), "w").Assign(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("value"));
    }
}
