using MnistLite;

namespace MiniNet.Onnx.Tests.Samples;

/// <summary>The MNIST-lite sample's --export-onnx option.</summary>
public class MnistOptionsTests
{
    [Test]
    public void ExportOnnx_TakesThePathToWrite()
    {
        var options = MnistOptions.Parse(["--epochs", "2", "--export-onnx", "out/mnist.onnx"]);

        Assert.That(options.ExportOnnx, Is.EqualTo("out/mnist.onnx"));
        Assert.That(options.Epochs, Is.EqualTo(2));
    }

    [Test]
    public void ExportOnnx_IsOffByDefault_AndListedInTheUsage()
    {
        Assert.That(MnistOptions.Parse([]).ExportOnnx, Is.Null);
        Assert.That(MnistOptions.Usage, Does.Contain("--export-onnx PATH"));
    }

    [Test]
    public void ExportOnnx_WithoutAPath_IsAnError()
    {
        var error = Assert.Throws<FormatException>(() => MnistOptions.Parse(["--export-onnx"]));

        Assert.That(error!.Message, Does.Contain("--export-onnx"));
    }
}
