using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace MiniNet.Tests.Optimizers;

/// <summary>The bookkeeping every optimizer inherits, exercised through <see cref="Sgd"/>.</summary>
public class OptimizerTests
{
    [Test]
    public void ApplyGradients_NullGradient_LeavesThatVariableAndItsVelocityUntouched()
    {
        // Step 1 updates both (v = g, w = w₀ - 0.1·g); step 2 gives `frozen` no gradient, so it keeps w₁ and v₁,
        // while `moving` goes on: v₂ = 0.9·1 + 1 = 1.9, w₂ = 0.9 - 0.19 = 0.71.
        var moving = new Variable(new Tensor([1.0], 1), "moving");
        var frozen = new Variable(new Tensor([1.0], 1), "frozen");
        var sgd = new Sgd(0.1, momentum: 0.9);
        sgd.ApplyGradients([(new Tensor([1.0], 1), moving), (new Tensor([1.0], 1), frozen)]);

        sgd.ApplyGradients([(new Tensor([1.0], 1), moving), (null, frozen)]);

        Assert.That(moving.ToArray<double>()[0], Is.EqualTo(0.71).Within(1e-12));
        Assert.That(frozen.ToArray<double>(), Is.EqualTo(new[] { 0.9 }));
        Assert.That(sgd.SlotsOf(frozen)["velocity"].ToArray<double>(), Is.EqualTo(new[] { 1.0 }));
    }

    [Test]
    public void ApplyGradients_NullGradientOnFirstStep_CreatesNoStateForThatVariable()
    {
        var w = new Variable(new Tensor([1.0], 1), "w");
        var sgd = new Sgd(0.1, momentum: 0.9);

        sgd.ApplyGradients([(null, w)]);

        Assert.That(w.ToArray<double>(), Is.EqualTo(new[] { 1.0 }));
        Assert.That(sgd.SlotsOf(w), Is.Empty);
    }

    [Test]
    public void ApplyGradients_CountsIterations()
    {
        var w = new Variable(new Tensor([1.0], 1), "w");
        var sgd = new Sgd(0.1);

        sgd.ApplyGradients([(new Tensor([1.0], 1), w)]);
        sgd.ApplyGradients([(null, w)]);

        Assert.That(sgd.Iterations, Is.EqualTo(2));
    }

    [Test]
    public void ApplyGradients_GradientShapeDiffersFromVariable_ThrowsNamingBothShapesAndTheVariable()
    {
        var w = new Variable(new Tensor([1.0, 2], 2), "dense_0/bias");

        Assert.That(() => new Sgd(0.1).ApplyGradients([(new Tensor([1.0, 2, 3], 3), w)]),
            Throws.ArgumentException.With.Message.EqualTo("optimizer: gradient (3) float64 does not match variable 'dense_0/bias' (2) float64"));
    }

    [Test]
    public void ApplyGradients_GradientDTypeDiffersFromVariable_ThrowsNamingBothDTypes()
    {
        var w = new Variable(new Tensor([1.0, 2], 2), "w");

        Assert.That(() => new Sgd(0.1).ApplyGradients([(new Tensor([1f, 2f], 2), w)]),
            Throws.ArgumentException.With.Message.EqualTo("optimizer: gradient (2) float32 does not match variable 'w' (2) float64"));
    }

    [Test]
    public void ApplyGradients_OneGradientMismatched_UpdatesNoVariable()
    {
        var first = new Variable(new Tensor([1.0], 1), "first");
        var second = new Variable(new Tensor([1.0], 1), "second");

        Assert.That(() => new Sgd(0.1).ApplyGradients([(new Tensor([1.0], 1), first), (new Tensor([1.0, 1], 2), second)]),
            Throws.ArgumentException);
        Assert.That(first.ToArray<double>(), Is.EqualTo(new[] { 1.0 }));
    }

    [Test]
    public void ApplyGradients_NonTrainableVariable_ThrowsNamingIt()
    {
        var frozen = new Variable(new Tensor([1.0], 1), "frozen", trainable: false);

        Assert.That(() => new Sgd(0.1).ApplyGradients([(new Tensor([1.0], 1), frozen)]),
            Throws.ArgumentException.With.Message.EqualTo("optimizer: variable 'frozen' is not trainable"));
    }

    [Test]
    public void Constructor_NegativeLearningRate_ThrowsNamingTheParameterAndValue()
    {
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(learningRate: -0.1));

        Assert.That(thrown!.Message, Does.StartWith("optimizer: learning rate must be a finite number >= 0, got -0.1"));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(-1e-9)]
    public void LearningRate_SetToInvalidValue_ThrowsNamingTheValue(double learningRate)
    {
        var sgd = new Sgd(0.1);

        Assert.That(() => sgd.LearningRate = learningRate,
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.StartsWith($"optimizer: learning rate must be a finite number >= 0, got {learningRate}"));
        Assert.That(sgd.LearningRate, Is.EqualTo(0.1));
    }
}
