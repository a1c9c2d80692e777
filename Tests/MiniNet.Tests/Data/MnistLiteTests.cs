using MiniNet.Data;

namespace MiniNet.Tests.Data;

/// <summary>Checks the MNIST-lite files shipped in data/mnist-lite (see data/README.md).</summary>
public class MnistLiteTests
{
    [Test]
    public void TestSet_Loads2000DigitsOf784PixelsScaledToUnitRange()
    {
        string path = Path.Combine(RepositoryRoot.Path, "data", "mnist-lite", "test.csv.gz");

        var test = CsvLoader.Load(path, "label", scale: 1f / 255, classCount: 10);

        Assert.That(test.Count, Is.EqualTo(2000));
        Assert.That(test.FeatureCount, Is.EqualTo(784));
        Assert.That(test.Labels.ToArray().Distinct().Order(), Is.EqualTo(Enumerable.Range(0, 10)));
        float[] pixels = test.Features.ToArray();
        Assert.That(pixels.Min(), Is.EqualTo(0f));
        Assert.That(pixels.Max(), Is.EqualTo(1f));
    }
}
