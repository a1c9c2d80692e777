using Playground.Drawing;

namespace MiniNet.Playground.Tests.Drawing;

public class SvgTextTests
{
    [Test]
    public void Fit_KeepsShortText_AndCutsLongTextToTheLimitWithAnEllipsis()
    {
        Assert.That(SvgText.Fit("matmul(#0, #1)", 20), Is.EqualTo("matmul(#0, #1)"));
        Assert.That(SvgText.Fit("variable dense_0/kernel", 10), Is.EqualTo("variable …"));
        Assert.That(SvgText.Fit("variable dense_0/kernel", 10), Has.Length.EqualTo(10));
    }
}
