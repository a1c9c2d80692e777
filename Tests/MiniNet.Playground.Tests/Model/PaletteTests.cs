using Playground.Model;

namespace MiniNet.Playground.Tests.Model;

public class PaletteTests
{
    [Test]
    public void Probability_IsOrangeAtZero_BlueAtOne_LightInTheMiddle()
    {
        Assert.That(Palette.Probability(0), Is.EqualTo(((byte)245, (byte)147, (byte)34)));
        Assert.That(Palette.Probability(1), Is.EqualTo(((byte)8, (byte)119, (byte)189)));
        var middle = Palette.Probability(0.5f);
        Assert.That(middle.R + middle.G + middle.B, Is.GreaterThan(650));
        Assert.That(Palette.Probability(float.NaN), Is.EqualTo(middle));
    }

    [Test]
    public void Loss_DarkensAsTheLossGrows()
    {
        int Brightness(float loss) { var (r, g, b) = Palette.Loss(loss, 0.01f, 100); return r + g + b; }

        Assert.That(Brightness(0.001f), Is.EqualTo(Brightness(0.01f)));
        Assert.That(Brightness(0.1f), Is.LessThan(Brightness(0.01f)));
        Assert.That(Brightness(100), Is.LessThan(Brightness(1)));
    }

    [Test]
    public void Band_StepsFromLightToDarkInEqualShades()
    {
        var shades = Enumerable.Range(0, 14).Select(band => Palette.Band(band, 13)).Select(c => 0.2126 * c.R + 0.7152 * c.G + 0.0722 * c.B).ToArray();
        var steps = shades.Zip(shades.Skip(1), (lighter, darker) => lighter - darker).ToArray();

        Assert.That(steps, Is.All.InRange(14.0, 18.0), "about 200 levels of grey over 13 steps");
        Assert.Throws<ArgumentOutOfRangeException>(() => Palette.Band(14, 13));
    }
}
