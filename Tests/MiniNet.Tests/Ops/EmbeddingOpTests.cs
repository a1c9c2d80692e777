using MiniNet.Autodiff;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class EmbeddingOpTests
{
    private static readonly Tensor Table = new([0.0, 1, 10, 11, 20, 21], 3, 2);

    [Test]
    public void Apply_BatchByTimeIds_GivesEachIdsRowWithTheWidthLast()
    {
        var ids = new Tensor([2.0, 0, 1, 2], 2, 2);

        var y = EmbeddingOp.Apply(ids, Table);

        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 2, 2 }));
        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 20.0, 21, 0, 1, 10, 11, 20, 21 }));
    }

    [Test]
    public void Apply_BatchOfIds_GivesBatchByWidth()
    {
        var y = EmbeddingOp.Apply(new Tensor([1f, 1], 2), Table.To(DType.Float32));

        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 2 }));
        Assert.That(y.ToArray<float>(), Is.EqualTo(new[] { 10f, 11, 10, 11 }));
    }

    /// <summary>Id 1 appears twice, so its row of the gradient is the sum of two output rows; id 2 is never read.</summary>
    [Test]
    public void Backward_RepeatedId_AddsBothOutputGradients()
    {
        var table = Table.To(DType.Float64);
        using var tape = new GradientTape();
        tape.Watch(table);
        var y = EmbeddingOp.Apply(new Tensor([1.0, 0, 1], 3), table);

        var gradient = tape.Gradient((y * new Tensor([1.0, 2, 3, 4, 5, 6], 3, 2)).Sum(), [table])[0]!;

        Assert.That(gradient.ToArray<double>(), Is.EqualTo(new[] { 3.0, 4, 1 + 5, 2 + 6, 0, 0 }));
    }

    [Test]
    public void Apply_Gradient_MatchesFiniteDifferences()
    {
        var ids = new Tensor([3.0, 0, 4, 3, 1, 3], 2, 3);

        GradientChecking.AssertMatchesFiniteDifferences(table => EmbeddingOp.Apply(ids, table), Uniform(5, -2, 2, 5, 4));
    }

    /// <summary>The ids come first, as in <c>Apply(ids, table)</c>: on a tape, the lookup reads "embedding(ids, table)".</summary>
    [Test]
    public void Tape_ShowsTheLookupOfTheIdsInTheTable_WithItsShape()
    {
        var table = Table.To(DType.Float64);
        using var tape = new GradientTape();
        tape.Watch(table);

        EmbeddingOp.Apply(new Tensor([0.0, 1, 2, 1, 0, 0], 2, 3), table);

        Assert.That(tape.ToString(), Does.Contain("#0  constant           (2,3)").And.Contain("#1  watched            (3,2)")
            .And.Contain("#2  embedding(#0, #1)  (2,3,2)"));
    }

    [Test]
    public void Apply_WatchedIds_GetNoGradient()
    {
        var ids = new Tensor([1.0, 0], 2);
        var table = Table.To(DType.Float64);
        using var tape = new GradientTape();
        tape.Watch(ids);
        tape.Watch(table);

        var gradients = tape.Gradient(EmbeddingOp.Apply(ids, table).Sum(), [ids, table]);

        Assert.That(gradients[0], Is.Null);
        Assert.That(gradients[1], Is.Not.Null);
    }

    [TestCase(3.0, "id 3 at (1,0) is not a token id in [0, 3)")]
    [TestCase(-1.0, "id -1 at (1,0) is not a token id in [0, 3)")]
    [TestCase(1.5, "id 1.5 at (1,0) is not a token id in [0, 3)")]
    [TestCase(double.NaN, "id NaN at (1,0) is not a token id in [0, 3)")]
    public void Apply_IdNotARowOfTheTable_ThrowsNamingTheIdAndWhereItIs(double id, string expected)
    {
        var ids = new Tensor([0.0, 1, id, 2], 2, 2);

        Assert.That(() => EmbeddingOp.Apply(ids, Table), Throws.ArgumentException.With.Message.Contains(expected));
    }

    [Test]
    public void Apply_Int32Ids_ThrowsSayingIdsAreFloatValues()
    {
        Assert.That(() => EmbeddingOp.Apply(new ClassLabels([0, 1]), Table),
            Throws.ArgumentException.With.Message.Contains("ids travel as float values (whole numbers) of the table's dtype, float64"));
    }

    [Test]
    public void Apply_TableNotRankTwo_ThrowsNamingItsShape()
    {
        Assert.That(() => EmbeddingOp.Apply(new Tensor([0.0], 1), new Tensor([1.0, 2, 3], 3)),
            Throws.ArgumentException.With.Message.Contains("embedding: the table must be (vocabulary, width), got (3)"));
    }
}
