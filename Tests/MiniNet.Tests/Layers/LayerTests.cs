using MiniNet.Layers;
using MiniNet.Models;

namespace MiniNet.Tests.Layers;

public class LayerTests
{
    [Test]
    public void Build_LayerAlreadyInAModel_ThrowsNamingTheLayer()
    {
        var dense = new Dense(3);
        _ = new Sequential(2, [dense]);

        Assert.That(() => new Sequential(2, [dense]), Throws.InvalidOperationException
            .With.Message.EqualTo("layer 'dense_0': already built; a layer instance can belong to only one model"));
    }

    [Test]
    public void IsBuilt_BecomesTrueWhenAModelBuildsTheLayer()
    {
        var dense = new Dense(3);
        Assert.That(dense.IsBuilt, Is.False);

        _ = new Sequential(2, [dense]);

        Assert.That(dense.IsBuilt, Is.True);
        Assert.That(dense.InputSize, Is.EqualTo(2));
    }
}
