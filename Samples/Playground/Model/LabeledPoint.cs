namespace Playground.Model;

/// <summary>One point of a 2-D data set: its coordinates (within ±<see cref="PointSets.Extent"/>, noise aside) and its label, 0 or 1.</summary>
public readonly record struct LabeledPoint(double X, double Y, int Label);
