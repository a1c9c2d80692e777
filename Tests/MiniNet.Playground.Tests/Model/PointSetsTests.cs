using Playground.Model;

namespace MiniNet.Playground.Tests.Model;

public class PointSetsTests
{
    [Test]
    public void Xor_WithoutNoise_LabelsEachPointByItsQuadrant_AwayFromTheAxes()
    {
        var points = PointSets.Generate(DataShape.Xor, 400, noise: 0, seed: 3);

        Assert.That(points.All(p => p.Label == (p.X * p.Y >= 0 ? 1 : 0)));
        Assert.That(points.All(p => Math.Abs(p.X) >= 0.3 && Math.Abs(p.Y) >= 0.3 && Math.Abs(p.X) <= 5.3 && Math.Abs(p.Y) <= 5.3));
    }

    [Test]
    public void Circles_WithoutNoise_AreADiscOfLabelOneInsideARing()
    {
        var points = PointSets.Generate(DataShape.Circles, 400, noise: 0, seed: 3);

        Assert.That(points.Where(p => p.Label == 1).All(p => Math.Sqrt(p.X * p.X + p.Y * p.Y) < 2.5));
        Assert.That(points.Where(p => p.Label == 0).All(p => Math.Sqrt(p.X * p.X + p.Y * p.Y) is >= 3.5 and <= 5));
        Assert.That(points.Count(p => p.Label == 1), Is.EqualTo(200));
    }

    [TestCase(DataShape.Gaussians)]
    [TestCase(DataShape.Spiral)]
    public void HalfOfThePoints_HaveEachLabel(DataShape shape)
    {
        var points = PointSets.Generate(shape, 301, noise: 0.3, seed: 5);

        Assert.That(points.Count(p => p.Label == 1), Is.EqualTo(150));
        Assert.That(points, Has.Length.EqualTo(301));
    }

    [Test]
    public void Gaussians_AreCentredOnPlusAndMinusTwo()
    {
        var points = PointSets.Generate(DataShape.Gaussians, 2000, noise: 0, seed: 5);
        var positive = points.Where(p => p.Label == 1).ToArray();

        Assert.That(positive.Average(p => p.X), Is.EqualTo(2).Within(0.1));
        Assert.That(points.Where(p => p.Label == 0).Average(p => p.Y), Is.EqualTo(-2).Within(0.1));
        double variance = positive.Average(p => (p.X - 2) * (p.X - 2));
        Assert.That(variance, Is.EqualTo(0.5).Within(0.08));
    }

    [Test]
    public void Spiral_StartsAtTheOrigin_AndReachesRadiusFive()
    {
        var points = PointSets.Generate(DataShape.Spiral, 500, noise: 0, seed: 5);
        var radii = points.Select(p => Math.Sqrt(p.X * p.X + p.Y * p.Y)).ToArray();

        Assert.That(radii.Min(), Is.EqualTo(0).Within(1e-12));
        Assert.That(radii.Max(), Is.LessThan(5).And.GreaterThan(4.9));
    }

    [Test]
    public void SameSeed_SamePoints_OtherSeed_OtherPoints()
    {
        Assert.That(PointSets.Generate(DataShape.Spiral, 50, 0.2, 9), Is.EqualTo(PointSets.Generate(DataShape.Spiral, 50, 0.2, 9)));
        Assert.That(PointSets.Generate(DataShape.Spiral, 50, 0.2, 9), Is.Not.EqualTo(PointSets.Generate(DataShape.Spiral, 50, 0.2, 10)));
    }

    [Test]
    public void Noise_OutOfRange_NamesTheRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PointSets.Generate(DataShape.Xor, 10, 0.7, 1));
        Assert.That(error!.ParamName, Is.EqualTo("noise"));
        Assert.That(error.Message, Does.Contain("between 0 and 0.5"));
    }
}

public class RegressionPointSetsTests
{
    [Test]
    public void Plane_WithoutNoise_HasTargetXPlusYOverTen()
    {
        var points = PointSets.Generate(DataShape.Plane, 200, 0, seed: 3);

        Assert.That(points.All(p => Math.Abs(p.Label - Math.Clamp((p.X + p.Y) / 10, -1, 1)) < 1e-12));
        Assert.That(points.All(p => Math.Abs(p.X) <= 6 && Math.Abs(p.Y) <= 6));
    }

    [Test]
    public void Bumps_AreOneAtAPositiveCentre_MinusOneAtANegativeOne_AndZeroFarFromAll()
    {
        Assert.That(PointSets.BumpsTarget(-4, 2.5), Is.EqualTo(1));
        Assert.That(PointSets.BumpsTarget(0, 2.5), Is.EqualTo(-1));
        Assert.That(PointSets.BumpsTarget(4, -1.5), Is.EqualTo(-0.5), "1 from the bump at (4, −2.5): 1 − 1/2");
        Assert.That(PointSets.BumpsTarget(-6, 0), Is.EqualTo(0));
    }
}
