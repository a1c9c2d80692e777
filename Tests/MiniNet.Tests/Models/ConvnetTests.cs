using MiniNet.Autodiff;
using MiniNet.Checkpoints;
using MiniNet.Data;
using MiniNet.Kernels;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Ops;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Tests.Data;
using MiniNet.Training;

namespace MiniNet.Tests.Models;

/// <summary>Keras's "simple MNIST convnet" (conv 3×3 ×32, max-pool, conv 3×3 ×64, max-pool, flatten, dropout 0.5, dense 10)
/// as a whole: what its tape shows, what a step allocates, and a resumed Fit with dropout and batch normalization.</summary>
public class ConvnetTests
{
    private static Layer[] KerasConvnet(bool batchNormalization = false) =>
    [
        new Conv2D(32, 3, Activation.Relu), .. batchNormalization ? [new BatchNormalization()] : Array.Empty<Layer>(), new MaxPooling2D(),
        new Conv2D(64, 3, Activation.Relu), new MaxPooling2D(), new Flatten(), new Dropout(0.5), new Dense(10),
    ];

    private static Dataset Images(int count, int seed)
    {
        var random = new Random(seed);
        return Dataset.FromClassIndices([.. Enumerable.Range(0, count * 784).Select(_ => (float)random.NextDouble())], [28, 28, 1],
            [.. Enumerable.Range(0, count).Select(_ => random.Next(10))]);
    }

    [Test]
    public void TapeText_ShowsTheConvolutionAndPoolingOpsWithTheirShapes()
    {
        var model = new Sequential([28, 28, 1], KerasConvnet(), seed: 1);
        var x = Tensor.Zeros([2, 28, 28, 1]);
        var y = new ClassLabels([0, 0]);

        var tape = new GradientTape();
        using (tape) new SparseCategoricalCrossEntropy().Call(y, model.Call(x, training: true));
        string[] ops = [.. tape.Operations.Select(op => op.ToString())];

        // Each convolution and the max pooling after it are one op where the kernels allow (Conv2DBiasReluMaxPoolOp), else two.
        if (ConvPoolKernels.Fits<float>(new ConvGeometry(2, 28, 28, 1, 3, 3, 32, 1, 1, 0, 0, 26, 26), new PoolingGeometry(2, 26, 26, 32, 2, 2, 2, 2, 0, 0, 13, 13)))
            Assert.That(ops, Does.Contain("conv2d_bias_relu_max_pool2d (2,28,28,1) x (3,3,1,32) x (32) -> (2,13,13,32)"));
        else
        {
            Assert.That(ops, Does.Contain("conv2d_bias_relu (2,28,28,1) x (3,3,1,32) x (32) -> (2,26,26,32)"));
            Assert.That(ops, Does.Contain("max_pool2d (2,26,26,32) -> (2,13,13,32)"));
        }
        if (ConvPoolKernels.Fits<float>(new ConvGeometry(2, 13, 13, 32, 3, 3, 64, 1, 1, 0, 0, 11, 11), new PoolingGeometry(2, 11, 11, 64, 2, 2, 2, 2, 0, 0, 5, 5)))
            Assert.That(ops, Does.Contain("conv2d_bias_relu_max_pool2d (2,13,13,32) x (3,3,32,64) x (64) -> (2,5,5,64)"));
        else
        {
            Assert.That(ops, Does.Contain("conv2d_bias_relu (2,13,13,32) x (3,3,32,64) x (64) -> (2,11,11,64)"));
            Assert.That(ops, Does.Contain("max_pool2d (2,11,11,64) -> (2,5,5,64)"));
        }
        Assert.That(ops.Any(op => op.StartsWith("dropout (2,1600)")), string.Join("\n", ops));
        string dot = GraphvizExport.ToDot(tape.Graph);
        Assert.That(dot, Does.Contain("conv2d").And.Contain("(2,13,13,32)").And.Contain("max_pool2d"));
    }

    // Counts the dropout ops that run on this thread, and the non-zero inputs they zeroed, while it is registered.
    private sealed class DropoutWatcher : IOpObserver, IDisposable
    {
        public DropoutWatcher() => OpObservers.Add(this);
        public int Ops { get; private set; }
        public int Zeroed { get; private set; }
        public int NonZeroInputs { get; private set; }
        public void OnOp(Op op)
        {
            if (op is not DropoutOp) return;
            Ops++;
            var output = op.Output.ToArray<float>();
            var input = op.Inputs[0].ToArray<float>();
            NonZeroInputs += input.Count(value => value != 0);
            Zeroed += output.Where((value, i) => value == 0 && input[i] != 0).Count();
        }
        public void Dispose() => OpObservers.Remove(this);
    }

    [Test]
    public void ReadmeLoop_OnTheConvnet_DropsInTheStepAndNotInEvaluate()
    {
        var model = new Sequential([28, 28, 1], KerasConvnet(), seed: 1);
        var lossFn = new SparseCategoricalCrossEntropy();
        var optimizer = new Sgd(learningRate: 0.05, momentum: 0.9);
        var data = Images(32, seed: 2);
        var trainDataset = data.Shuffle(seed: 42).Batch(16);

        using (var inTheLoop = new DropoutWatcher())
        {
            // README's loop, as pasted: no training flag anywhere.
            foreach (var (x, y) in trainDataset)
            {
                using var tape = new GradientTape();
                var loss = lossFn.Call(y, model.Call(x));
                var grads = tape.Gradient(loss, model.TrainableVariables);
                optimizer.ApplyGradients(grads.Zip(model.TrainableVariables));
            }
            Assert.That(inTheLoop.Ops, Is.EqualTo(2), "one dropout per step");
            Assert.That((double)inTheLoop.Zeroed / inTheLoop.NonZeroInputs, Is.EqualTo(0.5).Within(0.05), "rate 0.5 zeroes about half of the (positive) activations");
        }
        using var inEvaluate = new DropoutWatcher();
        model.Evaluate(data, lossFn);
        Assert.That(inEvaluate.Ops, Is.Zero);
    }

    [Test]
    public void TrainingStep_AtBatch64_AfterWarmUp_AllocatesUnder16KiB()
    {
        var model = new Sequential([28, 28, 1], KerasConvnet(), seed: 1);
        var batch = Images(64, seed: 2).Batch(64);
        var (x, y) = batch.First();
        var loss = new SparseCategoricalCrossEntropy();
        var optimizer = new Sgd(0.05, 0.9);
        void Step()
        {
            using var scope = new TensorScope();
            using var tape = new GradientTape();
            var value = loss.Call(y, model.Call(x, training: true));
            var gradients = tape.Gradient(value, model.TrainableVariables);
            optimizer.ApplyGradients(gradients.Zip(model.TrainableVariables));
        }
        for (int i = 0; i < 3; i++) Step();

        const int steps = 5;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < steps; i++) Step();
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / steps;

        TestContext.Out.WriteLine($"convnet: bytes allocated per step: {perStep}");
        Assert.That(perStep, Is.LessThan(16 * 1024));
    }

    [Test]
    public void Fit_ResumedMidEpoch_WithDropoutAndBatchNormalization_EndsBitForBitAsTheStraightRun()
    {
        var train = Images(96, seed: 3);
        var validation = Images(32, seed: 4);
        Sgd Optimizer() => new(0.05, momentum: 0.9);
        History Fit(Sequential model, Optimizer optimizer, IEnumerable<Callback>? callbacks = null, TrainingPosition? resumeFrom = null) =>
            model.Fit(train, new SparseCategoricalCrossEntropy(), optimizer, epochs: 2, batchSize: 16, seed: 5, validation: validation,
                callbacks: callbacks, resumeFrom: resumeFrom, verbose: false);
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "convnet.ckpt");

        var straight = new Sequential([28, 28, 1], KerasConvnet(batchNormalization: true), seed: 6);
        var straightHistory = Fit(straight, Optimizer());
        var first = new Sequential([28, 28, 1], KerasConvnet(batchNormalization: true), seed: 6);
        var firstOptimizer = Optimizer();
        var crash = new LambdaCallback(onBatchEnd: (state, batch) =>
        {
            if (state.Epoch == 2 && batch.Batch == 3) throw new InvalidOperationException("simulated crash");
        });
        Assert.That(() => Fit(first, firstOptimizer, [new ModelCheckpoint(path, firstOptimizer, everyBatches: 2), crash]), Throws.InvalidOperationException);

        var resumed = new Sequential([28, 28, 1], KerasConvnet(batchNormalization: true), seed: 99);
        var resumedOptimizer = Optimizer();
        var position = Checkpoint.Load(path, resumed, resumedOptimizer);
        var history = Fit(resumed, resumedOptimizer, resumeFrom: position);

        Assert.That((position.CompletedEpochs, position.CompletedBatches), Is.EqualTo((1, 4)), "saved at global step 10, just before the crash in that step's callbacks");
        Assert.That(history.Epochs.Single().Logs, Is.EquivalentTo(straightHistory.Epochs[1].Logs));
        for (int i = 0; i < straight.Variables.Count; i++)
            Assert.That(resumed.Variables[i].To(DType.Float64).ToArray<double>(), Is.EqualTo(straight.Variables[i].To(DType.Float64).ToArray<double>()),
                $"{straight.Variables[i].Name}: weights, batch-norm moving statistics and the dropout step");
    }
}
