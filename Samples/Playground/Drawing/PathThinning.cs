namespace Playground.Drawing;

/// <summary>An optimizer's path thinned so a walk of thousands of steps stays a light polyline to redraw every frame.</summary>
public static class PathThinning
{
    /// <summary>
    /// The path itself when it has at most <paramref name="maxVertices"/> points, otherwise <paramref name="maxVertices"/> of
    /// them evenly spaced by index; the first and the last point are always kept, so the drawn path starts at the start and
    /// ends where the optimizer is now.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> Thin(IReadOnlyList<(double X, double Y)> path, int maxVertices)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxVertices, 2);
        if (path.Count <= maxVertices) return path;
        var kept = new List<(double X, double Y)>(maxVertices);
        for (int vertex = 0; vertex < maxVertices; vertex++)
            kept.Add(path[(int)Math.Round(vertex * (path.Count - 1) / (double)(maxVertices - 1))]);
        return kept;
    }
}
