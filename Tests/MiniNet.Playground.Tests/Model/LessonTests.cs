using System.Text.RegularExpressions;
using MiniNet.Layers;
using MiniNet.Tests;
using Playground.Model;

namespace MiniNet.Playground.Tests.Model;

// The figures docs/playground.md's lesson quotes, run through the page's model code exactly as the page runs them, and the
// links the lesson gives for them: each link must be the one these settings write, so opening it shows the same run.
public class LessonTests
{
    // Declared before Links, which reads it while the class initialises.
    private static readonly PlaygroundSettings Bumps = new()
    {
        Shape = DataShape.MultiGaussian, HiddenWidths = [8, 8], Optimizer = OptimizerKind.Adam, LearningRate = 0.01,
    };

    /// <summary>The lesson's links, by name, with the settings each must reproduce.</summary>
    private static readonly Dictionary<string, (PlaygroundSettings Settings, Racer? Racer)> Links = new()
    {
        ["defaults"] = (new PlaygroundSettings(), null),
        ["sgd"] = (new PlaygroundSettings { Optimizer = OptimizerKind.Sgd }, null),
        ["race"] = (new PlaygroundSettings { Optimizer = OptimizerKind.Sgd }, new Racer(OptimizerKind.MomentumPyTorch, 0.03, 0.9)),
        ["spiral"] = (Spiral(l2: 0), null),
        ["spiral-l2"] = (Spiral(l2: 0.001), null),
        ["circles-linear"] = (CirclesWithoutHiddenLayer([InputFeature.X, InputFeature.Y]), null),
        ["circles-squares"] = (CirclesWithoutHiddenLayer([InputFeature.X, InputFeature.Y, InputFeature.XSquared, InputFeature.YSquared]), null),
        ["circles-l1"] = (AllFeatures(l1: 0.01), null),
        ["bumps"] = (Bumps, null),
    };

    [Test]
    public void EveryLinkOfTheLesson_IsTheLinkOfTheSettingsItsFigureComesFrom()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "playground.md"));
        var links = Regex.Matches(text, @"\[([a-z0-9-]+)\]: (\S+)").ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value);

        Assert.That(links.Keys, Is.EquivalentTo(Links.Keys));
        foreach (var (name, (settings, racer)) in Links)
        {
            string query = PlaygroundLink.Query(settings, racer);
            Assert.That(links[name], Is.EqualTo("http://127.0.0.1:5232/" + query), name);
            var (parsed, parsedRacer, problems) = PlaygroundLink.Parse(query);
            Assert.That((parsed, parsedRacer, problems.Count), Is.EqualTo((settings, racer, 0)), name);
        }
    }

    [TestCase("sgd", 95)]
    [TestCase("defaults", 10)]
    public void Xor_ReachesATestLossUnder005_After(string link, int epochs)
    {
        var run = new PlaygroundRun(Links[link].Settings);
        while (run.TestLoss >= 0.05) run.TrainEpoch();

        Assert.That(run.Epoch, Is.EqualTo(epochs));
    }

    [Test]
    public void TheRace_TrainsSgdAndMomentum_AsTheyTrainAlone()
    {
        var (settings, racer) = Links["race"];
        var race = new Race(settings, racer!);
        while (race.Second.TestLoss >= 0.05) race.TrainEpoch();

        Assert.That(race.Second.Epoch, Is.EqualTo(10));
        Assert.That(race.First.TestLoss, Is.GreaterThan(0.05));
    }

    [TestCase("spiral", 0.0009, 0.0727)]
    [TestCase("spiral-l2", 0.0125, 0.0154)]
    public void Spiral_After300Epochs_HasTheseLosses(string link, double trainLoss, double testLoss)
    {
        var run = new PlaygroundRun(Links[link].Settings);
        while (run.Epoch < 300) run.TrainEpoch();

        Assert.That(Math.Round(run.TrainLoss, 4), Is.EqualTo(trainLoss));
        Assert.That(Math.Round(run.TestLoss, 4), Is.EqualTo(testLoss));
    }

    [Test]
    public void Circles_WithoutAHiddenLayer_NeedTheSquaredFeatures()
    {
        var linear = new PlaygroundRun(Links["circles-linear"].Settings);
        while (linear.Epoch < 100) linear.TrainEpoch();
        var squares = new PlaygroundRun(Links["circles-squares"].Settings);
        while (squares.TestLoss >= 0.05) squares.TrainEpoch();

        Assert.That(Math.Round(linear.TestLoss, 2), Is.EqualTo(0.70));
        Assert.That(squares.Epoch, Is.EqualTo(8));
    }

    [Test]
    public void L1_KeepsOnlyTheSquaredFeatures_OnCircles()
    {
        var without = new PlaygroundRun(AllFeatures(l1: 0));
        var with = new PlaygroundRun(Links["circles-l1"].Settings);
        while (with.Epoch < 200)
        {
            without.TrainEpoch();
            with.TrainEpoch();
        }
        float[] Kernel(PlaygroundRun run) => ((Dense)run.Model.Layers[0]).Kernel.ToArray<float>();

        // x, y, x², y², xy, sin x, sin y
        Assert.That(Kernel(without).Select(w => Math.Round(w, 2)), Is.EqualTo(new[] { 0.09, 0.1, -0.65, -0.65, 0.04, -0.26, -0.1 }));
        Assert.That(Kernel(with).Where((_, feature) => feature is not (2 or 3)).Select(Math.Abs), Is.All.LessThan(0.002));
        Assert.That(Kernel(with).Where((_, feature) => feature is 2 or 3).Select(w => Math.Round(w, 2)), Is.EqualTo(new[] { -0.62, -0.62 }));
        Assert.That(Math.Round(with.TestLoss, 3), Is.EqualTo(0.026));
    }

    [Test]
    public void Bumps_After200Epochs_HaveASquaredErrorOf0_026()
    {
        var run = new PlaygroundRun(Links["bumps"].Settings);
        while (run.Epoch < 200) run.TrainEpoch();

        Assert.That(Math.Round(run.History[0].TestLoss, 2), Is.EqualTo(0.74));
        Assert.That(Math.Round(run.TestLoss, 3), Is.EqualTo(0.026));
    }

    private static PlaygroundSettings Spiral(double l2) => new()
    {
        Shape = DataShape.Spiral, HiddenWidths = [8, 8, 8], Activation = HiddenActivation.Relu,
        Optimizer = OptimizerKind.Adam, LearningRate = 0.01, L2 = l2,
    };

    private static PlaygroundSettings CirclesWithoutHiddenLayer(IReadOnlyList<InputFeature> features) =>
        new() { Shape = DataShape.Circles, Features = features, HiddenWidths = [] };

    private static PlaygroundSettings AllFeatures(double l1) => new()
    {
        Shape = DataShape.Circles, Features = Enum.GetValues<InputFeature>(), HiddenWidths = [], Optimizer = OptimizerKind.Sgd, L1 = l1,
    };
}
