using MiniNet.Autodiff;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace MiniNet.Tests.Tensors;

public class TensorScopeTests
{
    [Test]
    public void OpOutput_ReadAfterScopeEnds_ThrowsNamingTheRemedy()
    {
        var x = Tensor.Ones([2, 3]);
        Tensor y;
        using (new TensorScope()) y = x * 2.0;

        Assert.That(() => y[0, 0], Throws.InstanceOf<ObjectDisposedException>()
            .With.Message.Contains("MoveToOuterScope"));
    }

    [Test]
    public void MoveToOuterScope_KeepsTheTensorReadable()
    {
        var x = Tensor.Ones([2, 2]);
        Tensor kept;
        using (new TensorScope()) kept = (x * 3.0).Sum().MoveToOuterScope();

        Assert.That(kept.Item(), Is.EqualTo(12));
    }

    [Test]
    public void MoveToOuterScope_FromNestedScope_LivesUntilTheOuterScopeEnds()
    {
        var x = Tensor.Ones([2]);
        Tensor kept;
        using (new TensorScope())
        {
            using (new TensorScope()) kept = (x + 1.0).MoveToOuterScope();
            Assert.That(kept[1], Is.EqualTo(2));
        }

        Assert.That(() => kept[1], Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public void RecycledBuffer_IsReusedBySameShapeInNextScope()
    {
        var x = Tensor.Ones([512, 512]);
        using (new TensorScope()) _ = x * 2.0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        using (new TensorScope()) _ = x * 2.0;

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(4096), "the 1 MiB output buffer was allocated again");
    }

    [Test]
    public void TensorsCreatedOutsideAScope_AreOrdinary()
    {
        var x = Tensor.Ones([3]);
        var y = x * 2.0;
        using (new TensorScope()) { }

        Assert.That(y[0], Is.EqualTo(2));
    }

    [Test]
    public void Dispose_OuterBeforeInner_Throws()
    {
        var outer = new TensorScope();
        var inner = new TensorScope();

        Assert.That(() => outer.Dispose(), Throws.InvalidOperationException.With.Message.Contains("innermost first"));
        inner.Dispose();
        outer.Dispose();
    }

    [Test]
    public void Variable_FromScopedTensor_IsRefused()
    {
        using var scope = new TensorScope();
        var scoped = Tensor.Ones([2]) * 1.0;

        Assert.That(() => new Variable(scoped, "w"), Throws.ArgumentException.With.Message.Contains("Clone()"));
    }

    [Test]
    public void TrainingStep_WithoutScope_AllocatesItsBuffersAgain()
    {
        var (step, _) = MnistShapedStep(useScope: false);
        for (int i = 0; i < 3; i++) step();

        long before = GC.GetAllocatedBytesForCurrentThread();
        step();

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.GreaterThan(500 * 1024));
    }

    // The bound: after warm-up, a full training step (forward, tape, backward, optimizer update) at batch 64 on the
    // MNIST-lite MLP allocates under 16 KiB, while its tensors alone are over 500 KiB: buffers are reused, not reallocated.
    [Test]
    public void TrainingStep_AfterWarmUp_AllocatesUnder16KiB()
    {
        var (Step, _) = MnistShapedStep(useScope: true);
        for (int i = 0; i < 5; i++) Step();

        const int steps = 20;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < steps; i++) Step();
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / steps;

        TestContext.Out.WriteLine($"bytes allocated per step: {perStep}");
        Assert.That(perStep, Is.LessThan(16 * 1024));
    }

    // What a step still allocates after warm-up is the ops' and tensors' small objects (records, headers, shape arrays): the
    // same for a step on 16 rows of width 32 as on 256 rows of width 1,024, whose tensors are 500 times larger. A step that
    // allocated any buffer, or bookkeeping that grew with the data, would differ by far more than 256 bytes.
    [Test]
    public void TrainingStep_AfterWarmUp_AllocatesTheSameWhateverTheTensorSizes()
    {
        long PerStep(int batch, int hidden)
        {
            var (step, _) = MnistShapedStep(useScope: true, batch, hidden);
            for (int i = 0; i < 5; i++) step();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) step();
            return (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
        }
        long small = PerStep(16, 32), large = PerStep(256, 1024);

        TestContext.Out.WriteLine($"bytes allocated per step: {small} at batch 16, width 32; {large} at batch 256, width 1,024");
        Assert.That(large, Is.EqualTo(small).Within(256));
    }

    // One training step of the 784-hidden-10 MLP on a fixed random batch, inside a TensorScope or not.
    private static (Action Step, Sequential Model) MnistShapedStep(bool useScope, int batch = 64, int hidden = 128)
    {
        var random = new Random(3);
        var x = new Tensor(Enumerable.Range(0, batch * 784).Select(_ => (float)random.NextDouble()).ToArray(), batch, 784);
        var y = new ClassLabels(Enumerable.Range(0, batch).Select(_ => random.Next(10)).ToArray(), classCount: 10);
        var model = new Sequential(784, [new Dense(hidden, Activation.Relu), new Dense(10)], seed: 1);
        var loss = new SparseCategoricalCrossEntropy();
        var optimizer = new Sgd(0.1, 0.9);
        void Step()
        {
            using var scope = useScope ? new TensorScope() : null;
            using var tape = new GradientTape();
            var value = loss.Call(y, model.Call(x));
            var gradients = tape.Gradient(value, model.TrainableVariables);
            optimizer.ApplyGradients(gradients.Zip(model.TrainableVariables));
        }
        return (Step, model);
    }
}
