namespace Playground.Model;

/// <summary>
/// The data sets of TensorFlow Playground (its <c>dataset.ts</c>), drawn from a seeded generator so the same seed gives the
/// same points. Coordinates lie within ±<see cref="Extent"/> before noise; <c>noise</c> (0 to 0.5) scales the jitter as the
/// playground's noise slider (0 to 50) does.
/// </summary>
public static class PointSets
{
    /// <summary>Half the width of the square the points are drawn in, and the heat map covers.</summary>
    public const double Extent = 6;

    /// <summary><paramref name="count"/> labelled points of <paramref name="shape"/> in a shuffled order: half of each label
    /// (spiral and Gaussians), or labelled by where they fall (XOR, circles and the regression targets, the jittered
    /// position deciding, as the playground does).</summary>
    /// <exception cref="ArgumentOutOfRangeException">count is not positive, or noise is outside [0, 0.5].</exception>
    public static LabeledPoint[] Generate(DataShape shape, int count, double noise, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (noise is < 0 or > 0.5)
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "noise must be between 0 and 0.5 (the slider's 0 to 50%)");
        var random = new Random(seed);
        double Uniform(double low, double high) => low + random.NextDouble() * (high - low);
        double Normal(double mean, double variance) =>
            mean + Math.Sqrt(variance) * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

        LabeledPoint[] points = shape switch
        {
            DataShape.Xor => [.. Enumerable.Range(0, count).Select(_ => Xor())],
            DataShape.Circles => [.. Enumerable.Range(0, count).Select(i => Circle(inner: i < count / 2))],
            DataShape.Gaussians => [.. Enumerable.Range(0, count).Select(i => Gaussian(positive: i < count / 2))],
            DataShape.Spiral => [.. Enumerable.Range(0, count).Select(i => SpiralArm(i < count / 2 ? i : i - count / 2, count / 2, positive: i < count / 2))],
            DataShape.Plane => [.. Enumerable.Range(0, count).Select(_ => Regression(PlaneTarget))],
            DataShape.MultiGaussian => [.. Enumerable.Range(0, count).Select(_ => Regression(BumpsTarget))],
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "not a data shape"),
        };
        random.Shuffle(points);
        return points;

        // Quadrants kept 0.3 away from the axes; the label is read off the jittered position.
        LabeledPoint Xor()
        {
            const double padding = 0.3;
            double x = Uniform(-5, 5), y = Uniform(-5, 5);
            x += x > 0 ? padding : -padding;
            y += y > 0 ? padding : -padding;
            double noisyX = x + Uniform(-5, 5) * noise, noisyY = y + Uniform(-5, 5) * noise;
            return new(x, y, noisyX * noisyY >= 0 ? 1 : 0);
        }

        // Radius 5: the inner disc reaches 2.5, the ring lies between 3.5 and 5.
        LabeledPoint Circle(bool inner)
        {
            const double radius = 5;
            double r = inner ? Uniform(0, radius * 0.5) : Uniform(radius * 0.7, radius), angle = Uniform(0, 2 * Math.PI);
            double x = r * Math.Sin(angle), y = r * Math.Cos(angle);
            double noisyX = x + Uniform(-radius, radius) * noise, noisyY = y + Uniform(-radius, radius) * noise;
            return new(x, y, Math.Sqrt(noisyX * noisyX + noisyY * noisyY) < radius * 0.5 ? 1 : 0);
        }

        // The clouds' variance grows from 0.5 to 4 with the noise.
        LabeledPoint Gaussian(bool positive)
        {
            double variance = 0.5 + (4 - 0.5) * noise / 0.5, centre = positive ? 2 : -2;
            return new(Normal(centre, variance), Normal(centre, variance), positive ? 1 : 0);
        }

        // Uniform over ±6; the target is read off the jittered position (dataset.ts's regressPlane and regressGaussian).
        LabeledPoint Regression(Func<double, double, double> target)
        {
            double x = Uniform(-Extent, Extent), y = Uniform(-Extent, Extent);
            double noisyX = x + Uniform(-Extent, Extent) * noise, noisyY = y + Uniform(-Extent, Extent) * noise;
            return new(x, y, target(noisyX, noisyY));
        }

        // Arm point i of n: radius grows to 5 over 1.75 turns; the second arm is the first turned by π.
        LabeledPoint SpiralArm(int i, int n, bool positive)
        {
            double r = (double)i / n * 5, t = 1.75 * i / n * 2 * Math.PI + (positive ? 0 : Math.PI);
            return new(r * Math.Sin(t) + Uniform(-1, 1) * noise, r * Math.Cos(t) + Uniform(-1, 1) * noise, positive ? 1 : 0);
        }
    }

    /// <summary>The plane's target at (x, y): (x + y) / 10, clamped to [−1, 1].</summary>
    public static double PlaneTarget(double x, double y) => Math.Clamp((x + y) / 10, -1, 1);

    /// <summary>The six bumps' target at (x, y): each bump (centre c, sign s) gives s·max(0, 1 − |(x, y) − c| / 2), and the one
    /// largest in size wins.</summary>
    public static double BumpsTarget(double x, double y)
    {
        ReadOnlySpan<(double X, double Y, double Sign)> bumps = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)];
        double target = 0;
        foreach (var (centreX, centreY, sign) in bumps)
        {
            double value = sign * Math.Max(0, 1 - Math.Sqrt((x - centreX) * (x - centreX) + (y - centreY) * (y - centreY)) / 2);
            if (Math.Abs(value) > Math.Abs(target)) target = value;
        }
        return target;
    }
}
