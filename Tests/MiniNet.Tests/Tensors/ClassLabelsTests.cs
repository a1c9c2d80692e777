using MiniNet.Tensors;

namespace MiniNet.Tests.Tensors;

public class ClassLabelsTests
{
    [Test]
    public void Constructor_WithoutClassCount_RangesOverOneMoreThanTheLargestIndex()
    {
        var labels = new ClassLabels([2, 0, 4, 1]);

        Assert.That(labels.ClassCount, Is.EqualTo(5));
        Assert.That(labels.DType, Is.EqualTo(DType.Int32));
        Assert.That(labels.Shape, Is.EqualTo(new[] { 4 }));
        Assert.That(labels.Indices.ToArray(), Is.EqualTo(new[] { 2, 0, 4, 1 }));
    }

    [Test]
    public void Constructor_IndexNotBelowTheClassCount_ThrowsNamingIndexAndValue()
    {
        var error = Assert.Throws<ArgumentException>(() => new ClassLabels([0, 1, 3], classCount: 3))!;

        Assert.That(error.ParamName, Is.EqualTo("indices"));
        Assert.That(error.Message, Does.StartWith("class labels: label 3 at index 2 is not a class index in [0, 3)"));
    }

    [Test]
    public void Constructor_NegativeIndex_Throws()
    {
        Assert.That(() => new ClassLabels([0, -1]),
            Throws.ArgumentException.With.Message.StartsWith("class labels: label -1 at index 1 is not a class index (must be >= 0)"));
    }

    [Test]
    public void To_Int32_KeepsTheShapeAndTheClassCount_Float32_GivesTheIndicesAsValues()
    {
        var labels = new ClassLabels([1, 0, 2], classCount: 7, asColumn: true);

        var copy = (ClassLabels)labels.To(DType.Int32);
        var values = labels.To(DType.Float32);

        Assert.That(copy.Shape, Is.EqualTo(new[] { 3, 1 }));
        Assert.That(copy.ClassCount, Is.EqualTo(7));
        Assert.That(values.ToArray<float>(), Is.EqualTo(new[] { 1f, 0f, 2f }));
    }

    /// <summary>Class indices are read by a loss or metric, never computed on: an op refuses them by their dtype.</summary>
    [Test]
    public void AnOpOnClassLabels_ThrowsNamingTheInt32DType()
    {
        Assert.That(() => new ClassLabels([1, 2]).Exp(),
            Throws.ArgumentException.With.Message.EqualTo("exp: an int32 tensor holds class indices, which only a classification loss or metric reads; ops compute on float32 or float64"));
    }
}
