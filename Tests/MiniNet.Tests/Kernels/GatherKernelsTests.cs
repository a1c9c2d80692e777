using MiniNet.Kernels;

namespace MiniNet.Tests.Kernels;

public class GatherKernelsTests
{
    /// <summary>Narrow rows, rows not a multiple of a cache line, a batch large enough to be split across threads by bands of
    /// rows (64 × 784; with 3 threads, bands of 21 and 22 rows), and batches of fewer rows than the kernel fetches ahead.</summary>
    [TestCase(5, 1, 1, 64)]
    [TestCase(20, 17, 2, 64)]
    [TestCase(300, 784, 1, 64)]
    [TestCase(300, 784, 2, 64)]
    [TestCase(300, 784, 3, 64)]
    [TestCase(300, 784, 1, 1)]
    [TestCase(300, 784, 1, 2)]
    public void GatherRows_ShuffledRows_CopiesEachPickedRow(int sourceRows, int columns, int threads, int batch)
    {
        var random = new Random(sourceRows + columns);
        var source = Enumerable.Range(0, sourceRows * columns).Select(_ => random.NextSingle()).ToArray();
        int[] rows = [.. Enumerable.Range(0, batch).Select(_ => random.Next(sourceRows))];
        var destination = new float[rows.Length * columns];
        int saved = Engine.Threads;
        try
        {
            Engine.Threads = threads;
            GatherKernels.GatherRows(source, columns, rows, destination);
        }
        finally
        {
            Engine.Threads = saved;
        }

        for (int i = 0; i < rows.Length; i++)
            Assert.That(destination.AsSpan(i * columns, columns).ToArray(), Is.EqualTo(source.AsSpan(rows[i] * columns, columns).ToArray()), $"row {i}");
    }

    [Test]
    public void GatherRows_RowOutsideSource_ThrowsNamingIt()
    {
        var source = new float[3 * 4];

        Assert.That(() => GatherKernels.GatherRows(source, 4, [0, 3], new float[8]),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("row 3 is outside the source's 3 rows"));
    }

    [Test]
    public void GatherRows_DestinationTooShort_ThrowsNamingSizes()
    {
        var source = new float[3 * 4];

        Assert.That(() => GatherKernels.GatherRows(source, 4, [0, 1], new float[7]),
            Throws.ArgumentException.With.Message.Contains("destination has 7 elements, 2 rows of 4 need 8"));
    }
}
