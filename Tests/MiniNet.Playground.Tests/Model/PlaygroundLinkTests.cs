using Playground.Model;

namespace MiniNet.Playground.Tests.Model;

public class PlaygroundLinkTests
{
    [Test]
    public void Query_ThenParse_GivesBackEverySetting_AndTheRacer()
    {
        var settings = new PlaygroundSettings
        {
            Shape = DataShape.MultiGaussian, Noise = 0.15, TrainFraction = 0.7, PointCount = 300, Seed = -42,
            Features = [InputFeature.X, InputFeature.XSquared, InputFeature.SinY], HiddenWidths = [], Activation = HiddenActivation.Sigmoid,
            Optimizer = OptimizerKind.MomentumKeras, LearningRate = 0.3, Momentum = 0.55, BatchSize = 7, L1 = 0.003, L2 = 0.01,
        };
        var racer = new Racer(OptimizerKind.Nesterov, 0.1, 0.95);

        var (parsed, parsedRacer, problems) = PlaygroundLink.Parse(PlaygroundLink.Query(settings, racer));

        Assert.That(problems, Is.Empty);
        Assert.That(parsed, Is.EqualTo(settings));
        Assert.That(parsedRacer, Is.EqualTo(racer));
    }

    [Test]
    public void Query_WritesEverySettingByName()
    {
        Assert.That(PlaygroundLink.Query(new PlaygroundSettings(), null), Is.EqualTo(
            "?data=xor&noise=0&train=50&points=500&seed=1&features=x,y&layers=4,4&activation=tanh&optimizer=momentumpytorch" +
            "&lr=0.03&momentum=0.9&batch=10&l1=0&l2=0"));
    }

    [Test]
    public void Parse_KeepsTheDefaultForWhatIsMissing_IgnoresUnknownKeys_AndHasNoRacerWithoutRace()
    {
        var (settings, racer, problems) = PlaygroundLink.Parse("?benchmark=100&data=spiral");

        Assert.That(settings, Is.EqualTo(new PlaygroundSettings { Shape = DataShape.Spiral }));
        Assert.That(racer, Is.Null);
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Parse_NamesEachValueItCannotUse_AndWhatItUsesInstead()
    {
        var (settings, _, problems) = PlaygroundLink.Parse("lr=fast&layers=4,9&features=x,z&data=3&momentum=1");

        Assert.That(settings, Is.EqualTo(new PlaygroundSettings()));
        Assert.That(problems, Is.EqualTo(new[]
        {
            "data=3 is not a data set; xor is used",
            "features=x,z is not a list of input features such as x,y,xy; x,y is used",
            "layers=4,9 is not 'none' or up to 6 widths from 1 to 8, such as 4,4; 4,4 is used",
            "lr=fast is not a learning rate the page offers; 0.03 is used",
            "momentum=1 is not a momentum from 0 to 0.99; 0.9 is used",
        }));
    }
}
