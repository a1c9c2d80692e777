using MiniNet.Tensors;

namespace MiniNet.Tests.Tensors;

public class TensorTests
{
    [Test]
    public void Constructor_DataLengthDiffersFromShape_ThrowsNamingBoth()
    {
        Assert.That(() => new Tensor(new double[5], 2, 3), Throws.ArgumentException
            .With.Message.StartsWith("tensor: data has 5 elements but shape (2,3) needs 6"));
    }

    [Test]
    public void Indexer_ReadsRowMajor()
    {
        var x = new Tensor([1.0, 2, 3, 4, 5, 6], 2, 3);

        Assert.That(x[1, 0], Is.EqualTo(4));
    }

    [Test]
    public void Indexer_OutOfRange_ThrowsNamingTheIndexAndShape()
    {
        var x = Tensor.Zeros([2, 3]);

        Assert.That(() => x[0, 3], Throws.ArgumentException
            .With.Message.StartsWith("index: index 3 is out of range for dimension 1 of shape (2,3)"));
    }

    [Test]
    public void Item_OfTensorWithSeveralElements_Throws()
    {
        Assert.That(() => Tensor.Zeros([2]).Item(), Throws.InvalidOperationException
            .With.Message.EqualTo("item: tensor of shape (2) has 2 elements, not 1"));
    }

    [Test]
    public void To_Float64_KeepsShapeAndValues()
    {
        var converted = new Tensor([0.5f, -2f], 2).To(DType.Float64);

        Assert.That(converted.DType, Is.EqualTo(DType.Float64));
        Assert.That(converted.ToArray<double>(), Is.EqualTo(new[] { 0.5, -2 }));
    }

    [Test]
    public void AsSpan_OfTheWrongElementType_Throws()
    {
        Assert.That(() => Tensor.Zeros([2]).AsSpan<double>().Length, Throws.InvalidOperationException
            .With.Message.EqualTo("tensor: a float32 tensor cannot be read as Double"));
    }

    [Test]
    public void ToString_ShowsShapeDTypeAndValues()
    {
        Assert.That(new Tensor([1f, 2f, 3f, 4f], 2, 2).ToString(), Is.EqualTo("Tensor(2,2) float32 [1, 2, 3, 4]"));
    }

    [Test]
    public void Reshape_NullShape_ThrowsArgumentNullNamingIt()
    {
        Assert.That(() => Tensor.Zeros([2, 3]).Reshape(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("shape"));
    }

    [Test]
    public void Transpose_NullAxes_ReversesTheAxes()
    {
        Assert.That(Tensor.Zeros([2, 3]).Transpose(null).Shape, Is.EqualTo(new[] { 3, 2 }));
    }

    [Test]
    public void ScalarOperators_NullTensor_ThrowArgumentNull()
    {
        Tensor missing = null!;

        Assert.That(() => missing + 1.0, Throws.ArgumentNullException);
        Assert.That(() => 1.0 - missing, Throws.ArgumentNullException);
        Assert.That(() => missing / 2.0, Throws.ArgumentNullException);
    }

    [Test]
    public void Indexer_NullIndex_ThrowsArgumentNull()
    {
        Assert.That(() => Tensor.Zeros([2])[null!], Throws.ArgumentNullException);
    }

    [Test]
    public void ExchangeStorage_SwapsTheValues_AndASecondExchangeGivesThemBack()
    {
        var (a, b) = (new Tensor([1f, 2, 3, 4], 2, 2), new Tensor([5f, 6, 7, 8], 2, 2));

        a.ExchangeStorage(b);
        Assert.That((a.ToArray<float>(), b.ToArray<float>()), Is.EqualTo((new[] { 5f, 6, 7, 8 }, new[] { 1f, 2, 3, 4 })));
        a.ExchangeStorage(b);
        Assert.That((a.ToArray<float>(), b.ToArray<float>()), Is.EqualTo((new[] { 1f, 2, 3, 4 }, new[] { 5f, 6, 7, 8 })));
    }

    [Test]
    public void ExchangeStorage_AnotherLengthOrDType_ThrowsNamingBoth()
    {
        Assert.That(() => Tensor.Zeros([2, 2]).ExchangeStorage(Tensor.Zeros([2, 3])), Throws.ArgumentException
            .With.Message.StartsWith("tensor: cannot exchange the buffer of a Float32 (2,2) with a Float32 (2,3)"));
        Assert.That(() => Tensor.Zeros([2]).ExchangeStorage(Tensor.Zeros([2], DType.Float64)), Throws.ArgumentException
            .With.Message.StartsWith("tensor: cannot exchange the buffer of a Float32 (2) with a Float64 (2)"));
    }
}
