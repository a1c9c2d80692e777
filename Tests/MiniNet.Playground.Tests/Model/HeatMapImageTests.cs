using Playground.Model;

namespace MiniNet.Playground.Tests.Model;

public class HeatMapImageTests
{
    [Test]
    public void DataUri_IsA24BitBmp_WithRowZeroAtTheTop()
    {
        // 3 × 2: the top row red, green, blue; the bottom row black, white, grey. BMP stores rows bottom-up, padded to 4 bytes.
        (byte, byte, byte)[] colours = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (0, 0, 0), (255, 255, 255), (128, 128, 128)];
        string uri = HeatMapImage.DataUri([0, 1, 2, 3, 4, 5], width: 3, value => colours[(int)value]);

        Assert.That(uri, Does.StartWith("data:image/bmp;base64,"));
        var bytes = Convert.FromBase64String(uri["data:image/bmp;base64,".Length..]);
        Assert.That(bytes, Has.Length.EqualTo(54 + 2 * 12));
        Assert.That(BitConverter.ToInt32(bytes, 18), Is.EqualTo(3));
        Assert.That(BitConverter.ToInt32(bytes, 22), Is.EqualTo(2));
        Assert.That(BitConverter.ToInt16(bytes, 28), Is.EqualTo(24));
        Assert.That(bytes[54..63], Is.EqualTo(new byte[] { 0, 0, 0, 255, 255, 255, 128, 128, 128 }), "first stored row = bottom row, as B, G, R");
        Assert.That(bytes[66..75], Is.EqualTo(new byte[] { 0, 0, 255, 0, 255, 0, 255, 0, 0 }), "second stored row = top row");
    }

    [Test]
    public void DataUri_NotWholeRows_SaysSo()
    {
        var error = Assert.Throws<ArgumentException>(() => HeatMapImage.DataUri([1, 2, 3], width: 2, _ => (0, 0, 0)));
        Assert.That(error!.Message, Does.Contain("3 values are not whole rows of 2"));
    }
}
