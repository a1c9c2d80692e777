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
}
