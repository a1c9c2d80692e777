using MiniNet.Metrics;
using MiniNet.Tensors;

namespace MiniNet.Tests.Metrics;

public class ConfusionMatrixTests
{
    // Five samples of 3 classes: true 0,0,1,2,2; predicted (largest logit) 0,1,1,2,0.
    private static readonly ClassLabels Labels = new([0, 0, 1, 2, 2]);
    private static readonly Tensor Logits = new(new float[] { 9, 1, 1, 0, 5, 1, 0, 3, 2, 1, 1, 8, 7, 0, 6 }, 5, 3);

    [Test]
    public void Update_CountsTruePredictedPairs()
    {
        var matrix = new ConfusionMatrix(3);

        matrix.Update(Labels, Logits);

        long[,] expected = { { 1, 1, 0 }, { 0, 1, 0 }, { 1, 0, 1 } };
        for (int actual = 0; actual < 3; actual++)
            for (int predicted = 0; predicted < 3; predicted++)
                Assert.That(matrix[actual, predicted], Is.EqualTo(expected[actual, predicted]), $"[{actual}, {predicted}]");
        Assert.That(matrix.Total, Is.EqualTo(5));
    }

    [Test]
    public void Update_TwoBatches_AddUp()
    {
        var matrix = new ConfusionMatrix(3);

        matrix.Update(Labels, Logits);
        matrix.Update(Labels, Logits);

        Assert.That(matrix[2, 0], Is.EqualTo(2));
        Assert.That(matrix.Total, Is.EqualTo(10));
    }

    [Test]
    public void ToString_IsATableOfTrueRowsAndPredictedColumns()
    {
        var matrix = new ConfusionMatrix(3);
        for (int i = 0; i < 10; i++) matrix.Update(Labels, Logits);
        matrix.Update(new ClassLabels([1, 1, 1, 1, 1, 1, 1]), new Tensor(new float[21], 7, 3));

        string expected = string.Join(Environment.NewLine,
            "true\\pred   0   1   2",
            "        0  10  10   0",
            "        1   7  10   0",
            "        2  10   0  10");
        Assert.That(matrix.ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void Reset_ZeroesEveryCount()
    {
        var matrix = new ConfusionMatrix(3);
        matrix.Update(Labels, Logits);

        matrix.Reset();

        Assert.That(matrix.Total, Is.Zero);
        Assert.That(matrix[0, 0], Is.Zero);
    }

    [Test]
    public void Update_LogitsWithAnotherClassCount_NameBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => new ConfusionMatrix(4).Update(Labels, Logits))!;

        Assert.That(error.Message, Does.StartWith("confusion matrix: logits (5,3) have 3 classes, the matrix has 4"));
    }

    [Test]
    public void Indexer_ClassOutOfRange_NamesTheParameter()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ConfusionMatrix(3)[0, 3])!;

        Assert.That(error.ParamName, Is.EqualTo("predictedClass"));
    }

    [Test]
    public void Constructor_ZeroClasses_NamesTheParameter()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(0))!;

        Assert.That(error.ParamName, Is.EqualTo("classCount"));
    }
}
