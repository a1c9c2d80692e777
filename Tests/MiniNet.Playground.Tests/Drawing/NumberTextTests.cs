using Playground.Drawing;

namespace MiniNet.Playground.Tests.Drawing;

public class NumberTextTests
{
    [Test]
    public void Fixed_RoundsToTheDecimalsWithAPoint()
    {
        Assert.That(NumberText.Fixed(0.04562, 3), Is.EqualTo("0.046"));
        Assert.That(NumberText.Fixed(1234.5, 1), Is.EqualTo("1234.5"), "no digit grouping");
    }

    [Test]
    public void Short_KeepsFourSignificantDigits_AndWritesNegativeZeroAsZero()
    {
        Assert.That(NumberText.Short(0.316227766), Is.EqualTo("0.3162"));
        Assert.That(NumberText.Short(0.0000125), Is.EqualTo("1.25E-05"));
        Assert.That(NumberText.Short(-0.0), Is.EqualTo("0"));
    }

    [Test]
    public void Setting_IsPlainDecimal_WithoutExponentOrTrailingZeros()
    {
        Assert.That(NumberText.Setting(0.00001), Is.EqualTo("0.00001"));
        Assert.That(NumberText.Setting(0.03), Is.EqualTo("0.03"));
        Assert.That(NumberText.Setting(10), Is.EqualTo("10"));
    }

    [Test]
    public void ParseSetting_ReadsInvariantNumbers_AndRejectsText()
    {
        Assert.That(NumberText.ParseSetting("0.25"), Is.EqualTo(0.25));
        Assert.That(NumberText.ParseSetting("-3"), Is.EqualTo(-3));
        Assert.That(NumberText.ParseSetting("abc"), Is.Null);
        Assert.That(NumberText.ParseSetting(""), Is.Null);
        Assert.That(NumberText.ParseSetting(null), Is.Null);
    }
}

public class NumberTextReadingTests
{
    [TestCase(0.04712, "0.047")]
    [TestCase(12.3456, "12.346")]
    [TestCase(0.00012, "1.2e-4")]
    [TestCase(0.0014, "1.4e-3")]
    [TestCase(0.000345, "3.45e-4")]
    [TestCase(0.0, "0.000")]
    public void Reading_ShowsSmallLossesInFull(double value, string text) => Assert.That(NumberText.Reading(value), Is.EqualTo(text));
}
