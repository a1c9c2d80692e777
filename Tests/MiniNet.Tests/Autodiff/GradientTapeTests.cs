using MiniNet.Autodiff;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Autodiff;

public class GradientTapeTests
{
    [Test]
    public void Gradient_OfTensorUsedTwice_AccumulatesBothContributions()
    {
        // y = x·x + x, so dy/dx = 2x + 1 = 7 at x = 3 and -1 at x = -1.
        var x = new Tensor([3.0, -1], 2);
        using var tape = new GradientTape();
        tape.Watch(x);

        var y = x * x + x;

        Assert.That(tape.Gradient(y, [x])[0]!.ToArray<double>(), Is.EqualTo(new[] { 7.0, -1 }));
    }

    [Test]
    public void Gradient_OfTensorFeedingTwoBranches_AddsTheBranches()
    {
        // a = 2x and b = 3x both read x; z = a·b = 6x², so dz/dx = 12x = 6 at x = 0.5.
        var x = new Tensor([0.5], 1);
        using var tape = new GradientTape();
        tape.Watch(x);

        var z = (x * 2.0) * (x * 3.0);

        Assert.That(tape.Gradient(z, [x])[0]!.ToArray<double>(), Is.EqualTo(new[] { 6.0 }));
    }

    [Test]
    public void Gradient_OfGraphReusingATensor_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x * x + x, Uniform(101, -1, 1, 3, 4));

    [Test]
    public void Gradient_OfTensorFeedingTwoBranchesAndAMatMul_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => x.Tanh().MatMul(x.Transpose()) + x.Exp().Sum(axis: 1, keepDims: true),
            Uniform(102, -1, 1, 3, 4));

    [Test]
    public void Gradient_OfBiasBroadcastOverBatch_IsSummedBackToTheBiasShape()
    {
        // loss = Σ (batch + bias) over 3 rows: each bias element appears 3 times, so d loss / d bias = [3, 3].
        var batch = Tensor.Zeros([3, 2], DType.Float64);
        var bias = new Variable(new Tensor([0.5, -0.5], 2), "bias");
        using var tape = new GradientTape();

        var loss = (batch + bias).Sum();
        var gradient = tape.Gradient(loss, [bias])[0]!;

        Assert.That(gradient.Shape, Is.EqualTo(new[] { 2 }));
        Assert.That(gradient.ToArray<double>(), Is.EqualTo(new[] { 3.0, 3 }));
    }

    [Test]
    public void Gradient_OfColumnBroadcastOverColumns_IsSummedAlongEachRow()
    {
        // loss = Σ batch ⊙ column; d loss / d column[i] = Σ_j batch[i, j] = [1+2+3, 4+5+6].
        var batch = new Tensor([1.0, 2, 3, 4, 5, 6], 2, 3);
        var column = new Variable(new Tensor([1.0, 1], 2, 1), "column");
        using var tape = new GradientTape();

        var gradient = tape.Gradient((batch * column).Sum(), [column])[0]!;

        Assert.That(gradient.Shape, Is.EqualTo(new[] { 2, 1 }));
        Assert.That(gradient.ToArray<double>(), Is.EqualTo(new[] { 6.0, 15 }));
    }

    [Test]
    public void Gradient_OfUnconnectedVariable_IsNullByDefault()
    {
        var used = new Variable(new Tensor([1.0], 1), "used");
        var unused = new Variable(new Tensor([2.0], 1), "unused");
        using var tape = new GradientTape();

        var gradients = tape.Gradient((used * 3.0).Sum(), [used, unused]);

        Assert.That(gradients[0]!.ToArray<double>(), Is.EqualTo(new[] { 3.0 }));
        Assert.That(gradients[1], Is.Null);
    }

    [Test]
    public void Gradient_OfUnconnectedVariableWithZeroOption_IsZerosShapedLikeIt()
    {
        var used = new Variable(new Tensor([1.0], 1), "used");
        var unused = new Variable(new Tensor([2.0, 3, 4], 3), "unused");
        using var tape = new GradientTape();

        var gradients = tape.Gradient((used * 3.0).Sum(), [used, unused], UnconnectedGradients.Zero);

        Assert.That(gradients[1]!.Shape, Is.EqualTo(new[] { 3 }));
        Assert.That(gradients[1]!.ToArray<double>(), Is.EqualTo(new[] { 0.0, 0, 0 }));
    }

    [Test]
    public void Gradient_OfVariableUsedOnlyInABranchTheTargetIgnores_IsNull()
    {
        var x = new Variable(new Tensor([1.0], 1), "x");
        var y = new Variable(new Tensor([2.0], 1), "y");
        using var tape = new GradientTape();

        var target = (x * 2.0).Sum();
        _ = (y * x).Sum();

        Assert.That(tape.Gradient(target, [y])[0], Is.Null);
    }

    [Test]
    public void Tape_OpenedAfterOpsRan_RecordsNothingAndGivesNoGradient()
    {
        var x = new Variable(new Tensor([1.0, 2], 2), "x");
        var y = (x * x).Sum();

        using var tape = new GradientTape();

        Assert.That(tape.Operations, Is.Empty);
        Assert.That(tape.Gradient(y, [x])[0], Is.Null);
    }

    [Test]
    public void Tape_AfterDispose_StopsRecordingButStillComputesGradients()
    {
        var x = new Variable(new Tensor([2.0], 1), "x");
        var tape = new GradientTape();
        var y = (x * x).Sum();
        tape.Dispose();

        _ = x * 5.0;

        Assert.That(tape.Operations.Select(op => op.Name), Is.EqualTo(new[] { "multiply", "sum" }));
        Assert.That(tape.Gradient(y, [x])[0]!.ToArray<double>(), Is.EqualTo(new[] { 4.0 }));
    }

    [Test]
    public void Tape_OnUnwatchedPlainTensors_RecordsNothing()
    {
        var a = new Tensor([1.0, 2], 2);
        var b = new Tensor([3.0, 4], 2);
        using var tape = new GradientTape();

        var product = a * b;

        Assert.That(tape.Operations, Is.Empty);
        Assert.That(tape.Gradient(product, [a])[0], Is.Null);
    }

    [Test]
    public void Tape_AfterWatch_RecordsOpsOnThePlainTensorAndGivesItsGradient()
    {
        var a = new Tensor([1.0, 2], 2);
        var b = new Tensor([3.0, 4], 2);
        using var tape = new GradientTape();
        tape.Watch(a);

        var product = a * b;

        Assert.That(tape.Operations.Select(op => op.Name), Is.EqualTo(new[] { "multiply" }));
        var gradients = tape.Gradient(product, [a, b]);

        // d Σ(a ⊙ b) / da = b; b itself is still unwatched, so it gets no gradient.
        Assert.That(gradients[0]!.ToArray<double>(), Is.EqualTo(new[] { 3.0, 4 }));
        Assert.That(gradients[1], Is.Null);
    }

    [Test]
    public void Tape_OnNonTrainableVariable_RecordsNothing()
    {
        var frozen = new Variable(new Tensor([1.0], 1), "frozen", trainable: false);
        using var tape = new GradientTape();

        _ = frozen * 2.0;

        Assert.That(tape.Operations, Is.Empty);
    }

    [Test]
    public void Gradient_CalledTwiceOnNonPersistentTape_ThrowsExplainingPersistent()
    {
        var x = new Variable(new Tensor([1.0], 1), "x");
        using var tape = new GradientTape();
        var y = (x * x).Sum();
        tape.Gradient(y, [x]);

        Assert.That(() => tape.Gradient(y, [x]), Throws.InvalidOperationException
            .With.Message.Contains("already used").And.Message.Contains("persistent: true"));
    }

    [Test]
    public void Gradient_CalledTwiceOnPersistentTape_GivesTheSameGradientsBothTimes()
    {
        // y = x³ - 2x, dy/dx = 3x² - 2 = 10 at x = 2.
        var x = new Variable(new Tensor([2.0], 1), "x");
        using var tape = new GradientTape(persistent: true);
        var y = (x * x * x - x * 2.0).Sum();

        var first = tape.Gradient(y, [x])[0]!;
        var second = tape.Gradient(y, [x])[0]!;

        Assert.That(first.ToArray<double>(), Is.EqualTo(new[] { 10.0 }));
        Assert.That(second.ToArray<double>(), Is.EqualTo(new[] { 10.0 }));
    }

    [Test]
    public void Gradient_OfNonScalarTarget_EqualsGradientOfItsSum()
    {
        var x = Uniform(103, -1, 1, 3, 4);
        var w = Uniform(104, -1, 1, 4, 2);
        using var tape = new GradientTape(persistent: true);
        tape.Watch(x);
        tape.Watch(w);
        var y = x.MatMul(w).Tanh();

        var ofTarget = tape.Gradient(y, [x, w]);
        var ofSum = tape.Gradient(y.Sum(), [x, w]);

        Assert.That(ofTarget[0]!.ToArray<double>(), Is.EqualTo(ofSum[0]!.ToArray<double>()));
        Assert.That(ofTarget[1]!.ToArray<double>(), Is.EqualTo(ofSum[1]!.ToArray<double>()));
    }

    [Test]
    public void Gradient_OfNonScalarTarget_IsTheGradientOfTheSumOfItsElements()
    {
        // y = [x₀², 3x₁] as a whole; treated as x₀² + 3x₁, whose gradient is [2x₀, 3] = [4, 3] at x = [2, 5].
        var x = new Tensor([2.0, 5], 2);
        using var tape = new GradientTape();
        tape.Watch(x);

        var y = x * x * new Tensor([1.0, 0], 2) + x * new Tensor([0.0, 3], 2);

        Assert.That(tape.Gradient(y, [x])[0]!.ToArray<double>(), Is.EqualTo(new[] { 4.0, 3 }));
    }
}
