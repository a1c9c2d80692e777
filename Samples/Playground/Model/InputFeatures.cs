namespace Playground.Model;

/// <summary>What each <see cref="InputFeature"/> is called and what it computes from a point.</summary>
public static class InputFeatures
{
    /// <summary>The feature's value at (x, y).</summary>
    public static double Value(InputFeature feature, double x, double y) => feature switch
    {
        InputFeature.X => x,
        InputFeature.Y => y,
        InputFeature.XSquared => x * x,
        InputFeature.YSquared => y * y,
        InputFeature.XTimesY => x * y,
        InputFeature.SinX => Math.Sin(x),
        InputFeature.SinY => Math.Sin(y),
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "not an input feature"),
    };

    /// <summary>The feature as a formula, e.g. "x²", "sin x".</summary>
    public static string Label(InputFeature feature) => feature switch
    {
        InputFeature.X => "x",
        InputFeature.Y => "y",
        InputFeature.XSquared => "x²",
        InputFeature.YSquared => "y²",
        InputFeature.XTimesY => "x·y",
        InputFeature.SinX => "sin x",
        InputFeature.SinY => "sin y",
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "not an input feature"),
    };

    /// <summary>The (points, features) matrix the network reads: each point's chosen features, in order.</summary>
    public static float[] Matrix(IReadOnlyList<InputFeature> features, IEnumerable<(double X, double Y)> points) =>
        [.. points.SelectMany(point => features.Select(feature => (float)Value(feature, point.X, point.Y)))];
}
