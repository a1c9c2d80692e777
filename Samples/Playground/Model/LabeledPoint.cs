namespace Playground.Model;

/// <summary>One point of a 2-D data set: its coordinates (within ±<see cref="PointSets.Extent"/>, noise aside) and its label:
/// the class, 0 or 1, of a classification set, or the target value, from −1 to 1, of a regression set.</summary>
public readonly record struct LabeledPoint(double X, double Y, double Label)
{
    /// <summary>The colour class the page paints the point with: 1 (blue) for class 1 or a positive target, else 0 (orange).</summary>
    public int ColorClass => Label > 0 ? 1 : 0;
}
