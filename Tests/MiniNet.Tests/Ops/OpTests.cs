using MiniNet.Autodiff;
using MiniNet.Tensors;

namespace MiniNet.Tests.Ops;

public class OpTests
{
    [Test]
    public void Op_InputsOfDifferentDTypes_ThrowNamingTheOpAndBothDTypes()
    {
        var single = Tensor.Zeros([2], DType.Float32);
        var @double = Tensor.Zeros([2], DType.Float64);

        Assert.That(() => single + @double, Throws.ArgumentException.With.Message.EqualTo("add: dtypes float32 and float64 differ"));
    }

    [Test]
    public void ToString_NamesTheOpWithItsInputAndOutputShapes()
    {
        var a = Tensor.Zeros([32, 784]);
        using var tape = new GradientTape();
        tape.Watch(a);

        a.MatMul(Tensor.Zeros([784, 128]));

        Assert.That(tape.Operations.Single().ToString(), Is.EqualTo("matmul (32,784) x (784,128) -> (32,128)"));
    }
}
