using MiniNet.Optimizers;
using MiniNet.Optimizers.Schedules;

namespace MiniNet.Tests.Optimizers;

// One weight w0 = 1, a constant gradient g = 1 and momentum m = 0.9, worked by hand in both forms:
// PyTorch: v ← m·v + g, w ← w - lr·v.   Keras: v ← m·v - lr·g, w ← w + v.
public class MomentumFormTests
{
    private static readonly double[][] ConstantGradient = [[1.0], [1.0], [1.0]];

    [Test]
    public void ConstantRate_BothFormsTakeTheSameSteps()
    {
        // lr 0.1. PyTorch: v = 1, 1.9, 2.71; w = 0.9, 0.71, 0.439.  Keras: v = -0.1, -0.19, -0.271; w = 0.9, 0.71, 0.439.
        var expected = new[] { 0.9, 0.71, 0.439 };
        Assert.That(Run(MomentumForm.PyTorch, null), Is.EqualTo(expected).Within(1e-12));
        Assert.That(Run(MomentumForm.Keras, null), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void HalvingRate_PyTorchRescalesThePastVelocity_KerasKeepsTheOldRateInIt()
    {
        var halving = new StepDecay(initialRate: 0.1, stepSize: 1, gamma: 0.5);

        // rates 0.1, 0.05, 0.025.
        // PyTorch: v = 1, 1.9, 2.71 (no rate inside); w = 1 - 0.1·1 = 0.9; 0.9 - 0.05·1.9 = 0.805; 0.805 - 0.025·2.71 = 0.73725.
        // The whole accumulated velocity is taken at the new, smaller rate.
        Assert.That(Run(MomentumForm.PyTorch, halving), Is.EqualTo(new[] { 0.9, 0.805, 0.73725 }).Within(1e-12));
        // Keras: v = -0.1; 0.9·(-0.1) - 0.05 = -0.14; 0.9·(-0.14) - 0.025 = -0.151; w = 0.9, 0.76, 0.609.
        // Only the new gradient is taken at the new rate; the past steps keep the rate they were taken with.
        Assert.That(Run(MomentumForm.Keras, halving), Is.EqualTo(new[] { 0.9, 0.76, 0.609 }).Within(1e-12));
    }

    private static double[] Run(MomentumForm form, LearningRateSchedule? schedule)
    {
        var optimizer = new Sgd(learningRate: 0.1, momentum: 0.9, form: form) { Schedule = schedule };
        return [.. FixedGradients.Run(optimizer, [1.0], ConstantGradient).Select(w => w[0])];
    }
}
