using MiniNet.Autodiff;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace MiniNet.Tests.Autodiff;

public class CapturedStepTests
{
    // A model and its optimizer trained on batches copied into fixed input tensors, eagerly or through a captured step.
    private sealed class Run(Sequential model, Optimizer optimizer, Tensor x, ClassLabels y, Func<Tensor> loss)
    {
        public Sequential Model { get; } = model;
        public Func<Tensor> LossFunction { get; } = loss;
        public Tensor Input { get; } = x;
        public List<double> Losses { get; } = [];

        public void EagerStep()
        {
            using var scope = new TensorScope();
            using var tape = new GradientTape();
            var value = LossFunction();
            var gradients = tape.Gradient(value, Model.TrainableVariables);
            optimizer.ApplyGradients(gradients.Zip(Model.TrainableVariables));
            Losses.Add(value.Item());
        }

        public void CapturedStep(CapturedStep step)
        {
            using var scope = new TensorScope();
            optimizer.ApplyGradients(step.Run(), Model.TrainableVariables);
            Losses.Add(step.Loss!.Item());
        }

        public void Load(Random random, int vocabulary)
        {
            var features = Input.AsSpan<float>();
            for (int i = 0; i < features.Length; i++) features[i] = vocabulary > 0 ? random.Next(vocabulary) : (float)random.NextDouble();
            var labels = y.AsSpan<int>();
            for (int i = 0; i < labels.Length; i++) labels[i] = random.Next(y.ClassCount);
        }
    }

    private static Run Mlp(int batch = 16)
    {
        var model = new Sequential(784, [new Dense(32, Activation.Relu), new Dense(10)], seed: 1);
        var x = Tensor.Zeros([batch, 784]);
        var y = new ClassLabels(new int[batch], classCount: 10);
        var loss = new SparseCategoricalCrossEntropy();
        return new Run(model, new Sgd(0.1, 0.9), x, y, () => loss.Call(y, model.Call(x)));
    }

    private static Run SmallGpt(double clipNorm = 0.5)
    {
        var model = Gpt.Create(vocabularySize: 20, context: 16, layers: 2, heads: 4, width: 32, seed: 1);
        var x = Tensor.Zeros([4, 16]);
        var y = new ClassLabels(new int[4 * 16], [4, 16], classCount: 20);
        var loss = new SparseCategoricalCrossEntropy();
        var optimizer = new AdamW(1e-2, decayWhere: variable => variable.Rank >= 2) { ClipNorm = clipNorm };
        return new Run(model, optimizer, x, y, () => loss.Call(y, model.Call(x)));
    }

    private static void TrainBoth(Func<Run> make, int steps, int vocabulary, out Run eager, out Run captured, out CapturedStep step)
    {
        (eager, captured) = (make(), make());
        step = new CapturedStep(captured.LossFunction, captured.Model.TrainableVariables);
        var (eagerData, capturedData) = (new Random(7), new Random(7));
        for (int i = 0; i < steps; i++)
        {
            eager.Load(eagerData, vocabulary);
            eager.EagerStep();
            captured.Load(capturedData, vocabulary);
            captured.CapturedStep(step);
        }
    }

    [Test]
    public void Mlp_CapturedAndReplayed_GivesTheEagerStepsBitForBit()
    {
        TrainBoth(() => Mlp(), steps: 6, vocabulary: 0, out var eager, out var captured, out var step);

        Assert.That(step.IsCaptured, Is.True, step.EagerBecause);
        Assert.That(captured.Losses, Is.EqualTo(eager.Losses));
        AssertSameWeights(eager.Model, captured.Model);
    }

    [Test]
    public void Gpt_WithClipping_CapturedAndReplayed_GivesTheEagerStepsBitForBit()
    {
        TrainBoth(() => SmallGpt(), steps: 5, vocabulary: 20, out var eager, out var captured, out var step);

        Assert.That(step.IsCaptured, Is.True, step.EagerBecause);
        Assert.That(captured.Losses, Is.EqualTo(eager.Losses));
        AssertSameWeights(eager.Model, captured.Model);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Mlp_Replayed_AllocatesNothing(bool inScope)
    {
        var run = Mlp(batch: 64);
        var optimizer = new Sgd(0.1, 0.9);
        var step = new CapturedStep(run.LossFunction, run.Model.TrainableVariables);
        void Step()
        {
            using var scope = inScope ? new TensorScope() : null;
            optimizer.ApplyGradients(step.Run(), run.Model.TrainableVariables);
        }
        for (int i = 0; i < 4; i++) Step();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) Step();
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 20;

        TestContext.Out.WriteLine($"bytes allocated per replayed step: {perStep} (the scope itself: {ScopeBytes()})");
        Assert.That(step.IsCaptured, Is.True, step.EagerBecause);
        Assert.That(perStep, Is.EqualTo(inScope ? ScopeBytes() : 0));
    }

    // What the loop's own `new TensorScope()` allocates each iteration, which the step does not.
    private static long ScopeBytes()
    {
        for (int i = 0; i < 2; i++) new TensorScope().Dispose();
        long before = GC.GetAllocatedBytesForCurrentThread();
        new TensorScope().Dispose();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Test]
    public void Gpt_Replayed_WithClippingAndAdamW_AllocatesNothing()
    {
        var run = SmallGpt(clipNorm: 0.01); // small enough that every step clips
        var optimizer = new AdamW(1e-3, decayWhere: variable => variable.Rank >= 2) { ClipNorm = 0.01 };
        var step = new CapturedStep(run.LossFunction, run.Model.TrainableVariables);
        void Step()
        {
            using var scope = new TensorScope();
            optimizer.ApplyGradients(step.Run(), run.Model.TrainableVariables);
        }
        for (int i = 0; i < 4; i++) Step();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Step();
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;

        TestContext.Out.WriteLine($"bytes allocated per replayed step: {perStep} (the scope itself: {ScopeBytes()})");
        Assert.That(step.IsCaptured, Is.True, step.EagerBecause);
        Assert.That(perStep, Is.EqualTo(ScopeBytes()));
    }

    [Test]
    public void Replay_ReusesTheCapturedTensors_AndReadsTheInputsCurrentValues()
    {
        var run = Mlp();
        var step = new CapturedStep(run.LossFunction, run.Model.TrainableVariables);
        var random = new Random(3);
        var losses = new List<double>();
        var gradientLists = new List<IReadOnlyList<Tensor?>>();
        for (int i = 0; i < 4; i++)
        {
            run.Load(random, 0);
            gradientLists.Add(step.Run());
            losses.Add(step.Loss!.Item());
        }

        Assert.That(gradientLists[3], Is.SameAs(gradientLists[2]));
        Assert.That(losses.Distinct().Count(), Is.EqualTo(4), "each replay computed the loss of the batch it was given");
    }

    [Test]
    public void Dropout_IsReplayed_WithANewMaskEachStep_AsTheEagerStepsDraw()
    {
        Run Make()
        {
            var model = new Sequential(784, [new Dense(32, Activation.Relu), new Dropout(0.5, seed: 1), new Dense(10)], seed: 1);
            var x = Tensor.Zeros([16, 784]);
            var y = new ClassLabels(new int[16], classCount: 10);
            var loss = new SparseCategoricalCrossEntropy();
            return new Run(model, new Sgd(0.1, 0.9), x, y, () => loss.Call(y, model.Call(x)));
        }
        TrainBoth(Make, steps: 6, vocabulary: 0, out var eager, out var captured, out var step);

        Assert.That(step.IsCaptured, Is.True, step.EagerBecause);
        Assert.That(captured.Losses, Is.EqualTo(eager.Losses));
        AssertSameWeights(eager.Model, captured.Model);
        Assert.That(((Dropout)captured.Model.Layers[1]).Step.Item(), Is.EqualTo(6), "one mask drawn per step");
    }

    [Test]
    public void Gpt_WithDropout_IsReplayed_WithNewMasksEachStep_AsTheEagerStepsDraw()
    {
        Run Make()
        {
            var model = Gpt.Create(vocabularySize: 20, context: 16, layers: 1, heads: 4, width: 32, dropout: 0.2, seed: 1);
            var x = Tensor.Zeros([4, 16]);
            var y = new ClassLabels(new int[4 * 16], [4, 16], classCount: 20);
            var loss = new SparseCategoricalCrossEntropy();
            return new Run(model, new AdamW(1e-2), x, y, () => loss.Call(y, model.Call(x)));
        }
        TrainBoth(Make, steps: 5, vocabulary: 20, out var eager, out var captured, out var step);

        Assert.That(step.IsCaptured, Is.True, step.EagerBecause);
        Assert.That(captured.Losses, Is.EqualTo(eager.Losses));
        AssertSameWeights(eager.Model, captured.Model);
    }

    [Test]
    public void SequenceLabelsWithPadding_AreNotReplayed_TheirMeanCountsTheBatchsLabels()
    {
        var model = Gpt.Create(vocabularySize: 20, context: 8, layers: 1, heads: 2, width: 16, seed: 1);
        var x = Tensor.Zeros([2, 8]);
        var y = new ClassLabels(new int[16], [2, 8], classCount: 20, ignoreIndex: -1);
        var loss = new SparseCategoricalCrossEntropy(ignoreIndex: -1);
        var step = new CapturedStep(() => loss.Call(y, model.Call(x)), model.TrainableVariables);

        for (int i = 0; i < 3; i++) step.Run();

        Assert.That(step.IsCaptured, Is.False);
        Assert.That(step.EagerBecause, Does.Contain("outside an op"), "the mean's divisor, counted from the labels by the loss's own code");
    }

    [Test]
    public void BatchNormalization_IsNotReplayed_AndTheStepSaysWhy()
    {
        var model = new Sequential(8, [new Dense(8), new BatchNormalization(), new Dense(3)], seed: 1);
        var x = Tensor.Zeros([4, 8]);
        var y = new ClassLabels(new int[4], classCount: 3);
        var loss = new SparseCategoricalCrossEntropy();
        var step = new CapturedStep(() => loss.Call(y, model.Call(x)), model.TrainableVariables);

        for (int i = 0; i < 3; i++) step.Run();

        Assert.That(step.IsCaptured, Is.False);
        Assert.That(step.EagerBecause, Does.Contain("batch_norm").And.Contain("cannot be replayed"));
    }

    [Test]
    public void ATensorMadeInTheStepOutsideAnOp_IsNotReplayed_AndTheStepSaysWhy()
    {
        var model = new Sequential(8, [new Dense(3)], seed: 1);
        var x = Tensor.Zeros([4, 8]);
        var y = new ClassLabels(new int[4], classCount: 3);
        var loss = new SparseCategoricalCrossEntropy();
        // The scaled copy of x is made by the step's own code, not by an op: a replay would read the captured copy.
        var step = new CapturedStep(() => loss.Call(y, model.Call(new Tensor([.. x.AsSpan<float>().ToArray().Select(v => 2 * v)], 4, 8))), model.TrainableVariables);

        for (int i = 0; i < 3; i++) step.Run();

        Assert.That(step.IsCaptured, Is.False);
        Assert.That(step.EagerBecause, Does.Contain("made during the step outside an op"));
    }

    [Test]
    public void Replay_ChecksTheEmbeddingIds_AsAnEagerStepDoes()
    {
        var run = SmallGpt();
        var step = new CapturedStep(run.LossFunction, run.Model.TrainableVariables);
        for (int i = 0; i < 3; i++) step.Run();
        Assert.That(step.IsCaptured, Is.True, step.EagerBecause);

        var x = run.Input;
        x.AsSpan<float>()[5] = 25;

        var error = Assert.Throws<ArgumentException>(() => step.Run());
        Assert.That(error!.Message, Does.Contain("id 25").And.Contain("(0,5)"));
    }

    private static void AssertSameWeights(Sequential expected, Sequential actual)
    {
        for (int i = 0; i < expected.TrainableVariables.Count; i++)
            Assert.That(actual.TrainableVariables[i].AsSpan<float>().ToArray(), Is.EqualTo(expected.TrainableVariables[i].AsSpan<float>().ToArray()),
                expected.TrainableVariables[i].Name);
    }
}
