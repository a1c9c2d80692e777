using MiniNet.Plotting;
using MiniNet.Training;

namespace MiniNet.Tests.Training;

public class LearningCurvesTests
{
    [Test]
    public void SavePng_WritesAPngFileOfTheRequestedSize()
    {
        var history = new History();
        for (int epoch = 1; epoch <= 3; epoch++)
            history.Add(new EpochResult(epoch, new Dictionary<string, double> { ["loss"] = 1.0 / epoch, ["accuracy"] = 0.5 + 0.1 * epoch }, 0.1));
        string path = Path.Combine(Path.GetTempPath(), $"mininet-curves-{Guid.NewGuid():N}", "curves.png");

        LearningCurves.SavePng(history, path, width: 320, height: 200);

        byte[] bytes = File.ReadAllBytes(path);
        Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }));
        int width = bytes[16] << 24 | bytes[17] << 16 | bytes[18] << 8 | bytes[19];
        int height = bytes[20] << 24 | bytes[21] << 16 | bytes[22] << 8 | bytes[23];
        Assert.That((width, height), Is.EqualTo((320, 200)));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Test]
    public void SavePng_EmptyHistory_Throws()
    {
        Assert.That(() => LearningCurves.SavePng(new History(), "unused.png"), Throws.ArgumentException.With.Message.Contains("no epochs"));
    }
}
