using MiniNet.Autodiff;
using MiniNet.Diagnostics;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Ops;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Tests.Training;
using MiniNet.Training;

namespace MiniNet.Tests.Diagnostics;

public class ProfilerTests
{
    // 40 blobs in batches of 10: 4 steps an epoch, then a validation pass whose ops are not the epoch's training.
    private static Profiler FitMlp(int epochs, TextWriter? output = null)
    {
        var profiler = new Profiler(output ?? TextWriter.Null);
        new Sequential(2, [new Dense(4, Activation.Relu), new Dense(2)], seed: 1)
            .Fit(TrainingData.Blobs(40, 1), new SparseCategoricalCrossEntropy(), new Sgd(0.1, 0.9), epochs, batchSize: 10,
                validation: TrainingData.Blobs(20, 2), callbacks: [profiler], verbose: false);
        return profiler;
    }

    private static Dictionary<string, int> Calls(EpochProfile profile) =>
        profile.Rows.ToDictionary(row => $"{row.Name} {row.Pass}", row => row.Calls);

    [Test]
    public void Mlp_CallsPerOpKindAndPass_AreTheModelsOpsTimesTheSteps()
    {
        // A step runs x·W1, f(· + b1), ·W2, · + b2, the loss and its mean forward, and each of them once backward.
        var profiler = FitMlp(epochs: 2);

        Assert.That(profiler.Epochs, Has.Count.EqualTo(2));
        var expected = new Dictionary<string, int>
        {
            ["matmul Forward"] = 8, ["matmul Backward"] = 8,
            ["bias_add_relu Forward"] = 4, ["bias_add_relu Backward"] = 4,
            ["add Forward"] = 4, ["add Backward"] = 4,
            ["softmax_cross_entropy Forward"] = 4, ["softmax_cross_entropy Backward"] = 4,
            ["mean Forward"] = 4, ["mean Backward"] = 4,
            [$"{Profiler.BeforeOps} Outside"] = 4, [$"{Profiler.BetweenOps} Outside"] = 4, [$"{Profiler.AfterOps} Outside"] = 4,
        };
        foreach (var epoch in profiler.Epochs)
        {
            Assert.That(epoch.Steps, Is.EqualTo(4));
            Assert.That(Calls(epoch), Is.EquivalentTo(expected));
        }
    }

    [Test]
    public void Shares_SumTo100Percent_AndSecondsToTheEpochs()
    {
        foreach (var epoch in FitMlp(epochs: 2).Epochs)
        {
            Assert.That(epoch.Rows.Sum(row => row.Share), Is.EqualTo(1).Within(1e-9));
            Assert.That(epoch.Rows.Sum(row => row.Seconds), Is.EqualTo(epoch.Seconds).Within(1e-9));
            Assert.That(epoch.Rows.Where(row => row.Pass != ProfilePass.Outside).Select(row => row.Seconds), Is.Ordered.Descending);
            Assert.That(epoch.Rows.All(row => row.Seconds >= 0), epoch.ToString());
        }
    }

    [Test]
    public void CustomOpRunningOpsInItsBackward_IsChargedItsOwnTimeOnly()
    {
        // The custom op's backward runs a multiply op; counted in both, the rows would sum to more than the epoch.
        var profiler = new Profiler(TextWriter.Null);
        new Sequential(2, [new Dense(1)], seed: 1).Fit(TrainingData.Regression(8, 1), new MeanSquaredError(), new Sgd(0.01), 1,
            batchSize: 4, callbacks: [profiler], verbose: false, metrics: [], step: new SquaredOutputStep());

        var epoch = profiler.Epochs[0];
        Assert.That(Calls(epoch)["my_square Backward"], Is.EqualTo(2));
        Assert.That(Calls(epoch)["multiply Forward"], Is.EqualTo(6), "x * x in each forward, dy * x * 2 in each backward");
        Assert.That(epoch.Rows.Sum(row => row.Seconds), Is.EqualTo(epoch.Seconds).Within(1e-9));
        Assert.That(epoch.Rows.All(row => row.Seconds >= 0), epoch.ToString());
    }

    [Test]
    public void OpFlops_MatMul_Is2MKN()
    {
        var product = MatMulOpOf(new Tensor(new float[5 * 7], [5, 7]), new Tensor(new float[7 * 3], [7, 3]));

        Assert.That(OpFlops.Forward(product), Is.EqualTo(2 * 5 * 7 * 3));
        Assert.That(OpFlops.Backward(product, _ => true), Is.EqualTo(2 * 2 * 5 * 7 * 3));
        Assert.That(OpFlops.Backward(product, input => input.Shape[0] == 7), Is.EqualTo(2 * 5 * 7 * 3), "dB alone");
    }

    [Test]
    public void OpFlops_BatchedMatMulAndAttention_CountTheirProducts()
    {
        // (2, 3, 5, 4)·(2, 3, 4, 6): six products of 5×4·4×6. Attention over (2, 3, 5, 4) queries and keys: q·kᵀ and weights·v.
        var batched = Recorded(() => BatchedMatMulOp.Apply(new Tensor(new float[2 * 3 * 5 * 4], [2, 3, 5, 4]), new Tensor(new float[2 * 3 * 4 * 6], [2, 3, 4, 6])));
        var q = new Tensor(new float[2 * 3 * 5 * 4], [2, 3, 5, 4]);
        var attention = Recorded(() => AttentionOp.Apply(q, q, q, 0.5, causal: true));

        Assert.That(OpFlops.Forward(batched), Is.EqualTo(2 * 6 * 5 * 4 * 6));
        Assert.That(OpFlops.Forward(attention), Is.EqualTo(2 * (2 * 6 * 5 * 5 * 4)));
        Assert.That(OpFlops.Backward(attention, _ => true), Is.EqualTo(4 * (2 * 6 * 5 * 5 * 4)), "dWeights, dv, dq, dk");
        Assert.That(OpFlops.Backward(attention, _ => false), Is.EqualTo(0));
    }

    /// <summary>Grouped by shape, the two layers' products are rows of their own, each with its calls and its FLOPs, and the
    /// table's columns widen to the longest name; without it they share the row "matmul".</summary>
    [Test]
    public void GroupByShape_TellsTheLayersProductsApart()
    {
        var (byShapeText, byKindText) = (new StringWriter(), new StringWriter());
        var byShape = HandWrittenLoop(new Profiler(byShapeText, groupByShape: true), steps: 2);
        var byKind = HandWrittenLoop(new Profiler(byKindText), steps: 2);

        var first = byShape.Rows.Single(row => row.Name == "matmul (4,2) x (2,3) -> (4,3)" && row.Pass == ProfilePass.Forward);
        var second = byShape.Rows.Single(row => row.Name == "matmul (4,3) x (3,2) -> (4,2)" && row.Pass == ProfilePass.Forward);
        Assert.That((first.Calls, first.Flops, second.Calls, second.Flops), Is.EqualTo((2, 2L * 2 * 4 * 2 * 3, 2, 2L * 2 * 4 * 3 * 2)));
        Assert.That(byKind.Rows.Single(row => row.Name == "matmul" && row.Pass == ProfilePass.Forward).Calls, Is.EqualTo(4));
        int longest = byShape.Rows.Max(row => row.Name.Length);
        Assert.That(longest, Is.GreaterThan(36), "a shape makes some name longer than the usual column");
        Assert.That(byShapeText.ToString(), Does.Contain("\n" + "op".PadRight(longest) + " pass").And.Contain("\n" + first.Name.PadRight(longest) + " forward "));
        Assert.That(byKindText.ToString(), Does.Contain("\nmatmul                               forward "));
    }

    /// <summary>README's hand-written loop, profiled: Begin, EndStep after each step, End, with Fit's table and counts.</summary>
    [Test]
    public void HandWrittenLoop_BeginEndStepEnd_ProfilesItsSteps()
    {
        var output = new StringWriter();
        var profiler = new Profiler(output);
        var profile = HandWrittenLoop(profiler, steps: 3);

        Assert.That(profile.Steps, Is.EqualTo(3));
        Assert.That(profile.Rows.Single(row => row.Name == "matmul" && row.Pass == ProfilePass.Forward).Calls, Is.EqualTo(2 * 3));
        Assert.That(profile.Rows.Sum(row => row.Seconds), Is.EqualTo(profile.Seconds).Within(1e-9));
        Assert.That(output.ToString(), Does.StartWith("profile of epoch 1: "));
        Assert.That((TimerCallsForOneOp(), profiler.Epochs.Count), Is.EqualTo((1, 1)), "End stops timing");
    }

    /// <summary>README's loop over a 2-3-2 network and a batch of 4, <paramref name="steps"/> steps, profiled from Begin to End.</summary>
    private static EpochProfile HandWrittenLoop(Profiler profiler, int steps)
    {
        var model = new Sequential(2, [new Dense(3, Activation.Relu), new Dense(2)], seed: 1);
        var optimizer = new Sgd(0.1);
        var (x, y) = (new Tensor(new float[8], [4, 2]), new ClassLabels([0, 1, 0, 1], 2));
        profiler.Begin();
        for (int step = 0; step < steps; step++)
        {
            var tape = new GradientTape();
            Tensor loss;
            using (tape) loss = new SparseCategoricalCrossEntropy().Call(y, model.Call(x));
            optimizer.ApplyGradients(tape.Gradient(loss, model.TrainableVariables).Zip(model.TrainableVariables));
            profiler.EndStep();
        }
        return profiler.End();
    }

    [Test]
    public void OpFlops_Conv2D_Is2TimesOutputsTimesWindow()
    {
        // (2, 6, 6, 3) images, 3×3×3 kernels, 4 filters, valid: (2, 4, 4, 4) outputs of 27 multiply-adds each.
        var conv = Recorded(() => Conv2DOp.Apply(new Tensor(new float[2 * 6 * 6 * 3], [2, 6, 6, 3]),
            new Tensor(new float[3 * 3 * 3 * 4], [3, 3, 3, 4]), 1, 1, Padding.Valid));

        Assert.That(OpFlops.Forward(conv), Is.EqualTo(2 * (2 * 4 * 4 * 4) * 27));
        Assert.That(OpFlops.Forward(Recorded(() => new Tensor(new float[4], [4]).Relu())), Is.Null);
    }

    [Test]
    public void ConvnetProfile_FlopsOfFirstConvBackward_AreOneForwardsWorth_AndOfDenseTwo()
    {
        // Digits (5, 5, 1), 3×3 conv to 2 channels → (3, 3, 2), flattened to 18, dense to 2; 8 examples in 2 batches of 4.
        var images = Enumerable.Range(0, 8 * 25).Select(i => (float)Math.Sin(i)).ToArray();
        var data = MiniNet.Data.Dataset.FromClassIndices(images, [5, 5, 1], [.. Enumerable.Range(0, 8).Select(i => i % 2)], classCount: 2);
        var profiler = new Profiler(TextWriter.Null);
        new Sequential([5, 5, 1], [new Conv2D(2, 3, Activation.Relu), new Flatten(), new Dense(2)], seed: 1)
            .Fit(data, new SparseCategoricalCrossEntropy(), new Sgd(0.1), 1, batchSize: 4, callbacks: [profiler], verbose: false);

        var rows = profiler.Epochs[0].Rows.ToDictionary(row => (row.Name, row.Pass));
        long convForward = 2L * (4 * 3 * 3 * 2) * (3 * 3 * 1), denseForward = 2L * 4 * 18 * 2;
        Assert.That(rows[("conv2d_bias_relu", ProfilePass.Forward)].Flops, Is.EqualTo(2 * convForward));
        Assert.That(rows[("conv2d_bias_relu", ProfilePass.Backward)].Flops, Is.EqualTo(2 * convForward), "the images want no gradient: dW alone, and dB is no product");
        Assert.That(rows[("matmul", ProfilePass.Backward)].Flops, Is.EqualTo(2 * 2 * denseForward), "dX and dW");
        Assert.That(rows[("add", ProfilePass.Forward)].Flops, Is.Null);
        var conv = rows[("conv2d_bias_relu", ProfilePass.Forward)];
        Assert.That(conv.GigaflopsPerSecond, Is.EqualTo(conv.Flops!.Value / conv.Seconds / 1e9).Within(1e-9));
    }

    [Test]
    public void EachEpoch_PrintsItsTable()
    {
        var output = new StringWriter();
        FitMlp(epochs: 2, output);

        string text = output.ToString();
        Assert.That(text, Does.Contain("profile of epoch 1: ").And.Contain("profile of epoch 2: "));
        Assert.That(text, Does.Match(@"matmul +forward +8 +\d+\.\d +\d+\.\d% +\d+\.\d"));
        Assert.That(text, Does.Contain(Profiler.AfterOps));
        Assert.That(text, Does.Match(@"total \(GFLOP/s over the epoch\) +4 +\d+\.\d +100\.0% +\d+\.\d"));
    }

    [Test]
    public void AfterFit_OpsAreNoLongerTimed()
    {
        var profiler = FitMlp(epochs: 1);
        Assert.That((TimerCallsForOneOp(), profiler.Epochs.Count), Is.EqualTo((1, 1)));
    }

    /// <summary>How many times a timer attached now sees one op run.</summary>
    private static int TimerCallsForOneOp()
    {
        var timer = new CountingTimer();
        OpObservers.AddTimer(timer);
        try
        {
            _ = new Tensor([1f, -1f], [2]).Relu();
        }
        finally
        {
            OpObservers.RemoveTimer(timer);
        }
        return timer.Count;
    }

    // A step whose model output goes through a custom op before the loss.
    private sealed class SquaredOutputStep : TrainStep
    {
        private static readonly Func<Tensor, Tensor> Square = CustomOp.Create("my_square", x => x * x, (x, y, dy) => dy * x * 2);

        public override double Run(FitState state, Tensor x, Tensor y)
        {
            Tensor loss;
            var tape = new GradientTape();
            using (tape) loss = state.Loss.Call(y, Square(state.Model.Call(x)));
            var gradients = tape.Gradient(loss, state.Model.TrainableVariables);
            state.Optimizer.ApplyGradients(gradients.Zip(state.Model.TrainableVariables));
            state.MeanLoss.Add(loss.Item(), y.Shape[0]);
            return loss.Item();
        }
    }

    private sealed class CountingTimer : IOpTimer
    {
        public int Count;
        public void OnForward(Op op, long started) => Count++;
        public void OnBackward(Op op, IGradientSink gradients, long started) => Count++;
    }

    private static Op Recorded(Func<Tensor> run)
    {
        var recorder = new Recorder();
        OpObservers.Add(recorder);
        try
        {
            run();
        }
        finally
        {
            OpObservers.Remove(recorder);
        }
        return recorder.Last!;
    }

    private static Op MatMulOpOf(Tensor a, Tensor b) => Recorded(() => MatMulOp.Apply(a, b));

    private sealed class Recorder : IOpObserver
    {
        public Op? Last;
        public void OnOp(Op op) => Last = op;
    }
}
