using Playground.Drawing;

namespace MiniNet.Playground.Tests.Drawing;

public class ContourBandsTests
{
    [Test]
    public void Of_GivesEachLossTheHighestLevelBelowIt_OrTheFloorBelowThemAll()
    {
        double[] levels = [0.1, 1, 10, 100];

        Assert.That(ContourBands.Of([0.05f, 0.5f, 5f, 50f, 500f, 1f], levels, floor: 0.01),
            Is.EqualTo(new[] { 0.01f, 0.1f, 1f, 10f, 100f, 0.1f }));
    }
}
