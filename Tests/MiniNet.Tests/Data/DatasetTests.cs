using MiniNet.Data;

namespace MiniNet.Tests.Data;

public class DatasetTests
{
    // Sample i has features (10i, 10i + 1) and label i % 3.
    private static Dataset Numbered(int count) => new(
        Enumerable.Range(0, count).SelectMany(i => new[] { 10f * i, 10f * i + 1 }).ToArray(),
        Enumerable.Range(0, count).Select(i => i % 3).ToArray(),
        featureCount: 2);

    [Test]
    public void Reshape_KeepsTheValuesAndTargets_AndBatchesCarryTheNewShape()
    {
        var flat = new Dataset([1, 2, 3, 4, 5, 6, 7, 8], [0, 1], featureCount: 4);

        var images = flat.Reshape(2, 2, 1);
        var (x, y) = images.Batch(2).First();

        Assert.That(images.FeatureShape, Is.EqualTo(new[] { 2, 2, 1 }));
        Assert.That(x.Shape, Is.EqualTo(new[] { 2, 2, 2, 1 }));
        Assert.That(x.AsSpan<float>().ToArray(), Is.EqualTo(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
        Assert.That(y.AsSpan<int>().ToArray(), Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void Reshape_ToAnotherNumberOfValues_NamesBothShapes()
    {
        var flat = new Dataset(new float[8], [0, 1], featureCount: 4);

        Assert.That(() => flat.Reshape(3, 1),
            Throws.ArgumentException.With.Message.StartsWith("dataset: cannot reshape examples of shape (4) (4 values) to (3,1) (3 values)"));
    }

    [Test]
    public void Constructor_WrapsFeaturesAsRowsOfFeatureCount()
    {
        var data = Numbered(4);

        Assert.That(data.Count, Is.EqualTo(4));
        Assert.That(data.FeatureCount, Is.EqualTo(2));
        Assert.That(data.Row(3).ToArray(), Is.EqualTo(new[] { 30f, 31f }));
        Assert.That(data.Labels.ToArray(), Is.EqualTo(new[] { 0, 1, 2, 0 }));
    }

    [Test]
    public void Constructor_LengthsThatDoNotFit_NameBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset(new float[5], new int[2], featureCount: 3))!;

        Assert.That(error.ParamName, Is.EqualTo("features"));
        Assert.That(error.Message, Does.StartWith("dataset: features has 5 values but 2 examples × 3 features (3) need 6"));
    }

    [Test]
    public void Constructor_NegativeLabel_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset(new float[2], [0, -2], featureCount: 1))!;

        Assert.That(error.ParamName, Is.EqualTo("classIndices"));
        Assert.That(error.Message, Does.StartWith("dataset: label -2 at index 1 is not a class index"));
    }

    [Test]
    public void Constructor_ZeroFeatureCount_NamesTheParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset([], [], featureCount: 0))!;

        Assert.That(error.ParamName, Is.EqualTo("featureShape"));
        Assert.That(error.Message, Does.StartWith("dataset: the feature shape must have at least one dimension, all positive, got (0)"));
    }

    [Test]
    public void Take_CopiesTheFirstSamples()
    {
        var first = Numbered(5).Take(2);

        Assert.That(first.Count, Is.EqualTo(2));
        Assert.That(first.Features.ToArray(), Is.EqualTo(new[] { 0f, 1f, 10f, 11f }));
        Assert.That(first.Labels.ToArray(), Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void Skip_CopiesTheRest()
    {
        var rest = Numbered(5).Skip(3);

        Assert.That(rest.Features.ToArray(), Is.EqualTo(new[] { 30f, 31f, 40f, 41f }));
        Assert.That(rest.Labels.ToArray(), Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void Take_MoreThanCount_NamesTheParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(5).Take(6))!;

        Assert.That(error.ParamName, Is.EqualTo("count"));
        Assert.That(error.ActualValue, Is.EqualTo(6));
    }

    [Test]
    public void Row_OutOfRange_NamesTheIndex()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(5).Row(5))!;

        Assert.That(error.ParamName, Is.EqualTo("index"));
    }

    // Example i has feature i and target 100 + i, so each side of a split says which examples it holds.
    private static Dataset NumberedWithTargets(int count) =>
        Dataset.FromValues([.. Enumerable.Range(0, count).Select(i => (float)i)], [1], [.. Enumerable.Range(0, count).Select(i => 100f + i)], [1]);

    [Test]
    public void Split_IsReproducibleDisjointAndCoversEverything()
    {
        var data = NumberedWithTargets(20);

        var (remaining, heldOut) = data.Split(0.25, seed: 3);
        var (again, heldOutAgain) = data.Split(0.25, seed: 3);

        Assert.That((remaining.Count, heldOut.Count), Is.EqualTo((15, 5)));
        Assert.That(remaining.Features.ToArray().Concat(heldOut.Features.ToArray()), Is.EquivalentTo(data.Features.ToArray()));
        Assert.That(heldOut.Features.ToArray(), Is.EqualTo(heldOutAgain.Features.ToArray()));
        Assert.That(remaining.Features.ToArray(), Is.EqualTo(again.Features.ToArray()));
        Assert.That(heldOut.TargetValues.ToArray(), Is.EqualTo(heldOut.Features.ToArray().Select(f => 100 + f)), "targets stay with their features");
    }

    [TestCase(0.0)]
    [TestCase(1.0)]
    [TestCase(-0.2)]
    [TestCase(1.5)]
    public void Split_FractionOutOfRange_ThrowsNamingIt(double fraction)
    {
        Assert.That(() => NumberedWithTargets(10).Split(fraction, seed: 1),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("fraction"));
    }

    [Test]
    public void TakeAndSkip_KeepFloatTargets()
    {
        var data = Dataset.FromValues([0, 1, 2, 3, 4], [1], [0, 1, 10, 11, 20, 21, 30, 31, 40, 41], [2]);

        var first = data.Take(2);
        var rest = data.Skip(2);

        Assert.That((first.TargetKind, rest.TargetKind), Is.EqualTo((TargetKind.Values, TargetKind.Values)));
        Assert.That((first.TargetShape, rest.TargetShape), Is.EqualTo((new[] { 2 }, new[] { 2 })));
        Assert.That(first.TargetValues.ToArray(), Is.EqualTo(new float[] { 0, 1, 10, 11 }));
        Assert.That(rest.TargetValues.ToArray(), Is.EqualTo(new float[] { 20, 21, 30, 31, 40, 41 }));
    }
}
