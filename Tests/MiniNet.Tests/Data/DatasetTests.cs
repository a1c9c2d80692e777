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
}
