using MiniNet.Plotting;
using MiniNet.Tests.Data;

namespace MiniNet.Tests.Plotting;

public class HistogramTests
{
    [Test]
    public void Bin_CutsTheRangeIntoEqualBins_AndPutsTheLargestValueInTheLast()
    {
        // range 0..4 in 4 bins of width 1: [0,1) holds 0 and 0.5, [1,2) holds 1, [2,3) none, [3,4] holds 3.5 and 4
        var (centres, counts, binWidth) = Histogram.Bin([0, 0.5, 1, 3.5, 4], binCount: 4);

        Assert.That(binWidth, Is.EqualTo(1));
        Assert.That(centres, Is.EqualTo(new[] { 0.5, 1.5, 2.5, 3.5 }));
        Assert.That(counts, Is.EqualTo(new[] { 2, 1, 0, 2 }));
    }

    [Test]
    public void Bin_EqualValues_GiveOneBinOfWidthOneCentredOnThem()
    {
        var (centres, counts, binWidth) = Histogram.Bin([2, 2, 2], binCount: 10);

        Assert.That((centres.Single(), counts.Single(), binWidth), Is.EqualTo((2.0, 3, 1.0)));
    }

    [Test]
    public void Bin_NaN_ThrowsNamingIt()
    {
        Assert.That(() => Histogram.Bin([1, double.NaN], 3), Throws.ArgumentException.With.Message.Contain("NaN"));
    }

    [Test]
    public void SavePng_WritesAPngFile()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "plots", "errors.png");

        Histogram.SavePng([-1, 0, 0.5, 2], path, "errors", "error");

        Assert.That(File.ReadAllBytes(path)[1..4], Is.EqualTo("PNG"u8.ToArray()));
    }
}
