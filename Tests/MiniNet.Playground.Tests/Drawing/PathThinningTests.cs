using Playground.Drawing;

namespace MiniNet.Playground.Tests.Drawing;

public class PathThinningTests
{
    private static IReadOnlyList<(double X, double Y)> Path(int points) => [.. Enumerable.Range(0, points).Select(i => ((double)i, (double)-i))];

    [Test]
    public void Thin_ShortPath_IsKeptWhole()
    {
        Assert.That(PathThinning.Thin(Path(4), 10), Is.EqualTo(new (double, double)[] { (0, 0), (1, -1), (2, -2), (3, -3) }));
    }

    [Test]
    public void Thin_LongPath_KeepsMaxVerticesEvenlySpaced_IncludingTheFirstAndTheLast()
    {
        Assert.That(PathThinning.Thin(Path(51), 6).Select(p => p.X), Is.EqualTo(new double[] { 0, 10, 20, 30, 40, 50 }));
        Assert.That(PathThinning.Thin(Path(5001), 400), Has.Count.EqualTo(400));
        Assert.That(PathThinning.Thin(Path(5001), 400)[^1], Is.EqualTo((5000.0, -5000.0)));
    }
}
