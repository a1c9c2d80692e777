using Playground.Model;

namespace MiniNet.Playground.Tests.Model;

// The figures docs/playground.md's lesson quotes, run through the page's model code exactly as the page runs them.
public class LessonTests
{
    [TestCase(OptimizerKind.Sgd, 95)]
    [TestCase(OptimizerKind.MomentumPyTorch, 10)]
    public void Xor_WithThePagesDefaults_ReachesATestLossUnder005_After(OptimizerKind optimizer, int epochs)
    {
        var run = new PlaygroundRun(new PlaygroundSettings { Optimizer = optimizer });
        while (run.TestLoss >= 0.05) run.TrainEpoch();

        Assert.That(run.Epoch, Is.EqualTo(epochs));
    }

    [TestCase(0, 0.0009, 0.0727)]
    [TestCase(0.001, 0.0125, 0.0154)]
    public void Spiral_After300Epochs_HasTheseLosses_WithL2(double l2, double trainLoss, double testLoss)
    {
        var run = new PlaygroundRun(new PlaygroundSettings
        {
            Shape = DataShape.Spiral, HiddenWidths = [8, 8, 8], Activation = HiddenActivation.Relu,
            Optimizer = OptimizerKind.Adam, LearningRate = 0.01, L2 = l2,
        });
        while (run.Epoch < 300) run.TrainEpoch();

        Assert.That(Math.Round(run.TrainLoss, 4), Is.EqualTo(trainLoss));
        Assert.That(Math.Round(run.TestLoss, 4), Is.EqualTo(testLoss));
    }
}
