using MiniNet.Autodiff;
using MiniNet.Checkpoints;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Tests.Data;
using MiniNet.Training;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Layers;

public class DropoutTests
{
    private static readonly Tensor Inputs = Uniform(1, 1, 2, 4, 64).To(DType.Float32);

    private static bool[] Kept(Tensor y) => [.. y.ToArray<float>().Select(v => v != 0)];

    private static Sequential Model(int? seed = 5, int modelSeed = 0) => new(64, [new Dropout(0.5, seed)], modelSeed);

    [Test]
    public void Call_Inference_ReturnsTheInputsUnchanged()
    {
        var model = Model();

        Assert.That(model.Call(Inputs).ToArray<float>(), Is.EqualTo(Inputs.ToArray<float>()));
        Assert.That(model.Call(Inputs, training: false).ToArray<float>(), Is.EqualTo(Inputs.ToArray<float>()));
        Assert.That(((Dropout)model.Layers[0]).Step.Item(), Is.EqualTo(0), "inference draws no mask");
    }

    [Test]
    public void Call_Training_DropsAboutRateAndScalesTheRest()
    {
        var model = new Sequential([100, 100, 3], [new Dropout(0.25, seed: 1)]);
        var x = Tensor.Ones([4, 100, 100, 3]);

        var y = model.Call(x, training: true).ToArray<float>();

        Assert.That(y, Is.All.EqualTo(0).Or.EqualTo(1 / 0.75f));
        double kept = y.Count(v => v != 0) / (double)y.Length;
        Assert.That(kept, Is.EqualTo(0.75).Within(5 * Math.Sqrt(0.75 * 0.25 / y.Length)));
    }

    [Test]
    public void Call_TwoTrainingSteps_DrawDifferentMasksAndAdvanceTheStep()
    {
        var model = Model();

        var first = Kept(model.Call(Inputs, training: true));
        var second = Kept(model.Call(Inputs, training: true));

        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(((Dropout)model.Layers[0]).Step.Item(), Is.EqualTo(2));
    }

    [TestCase(5)]
    [TestCase(null)]
    public void Call_TwoModelsWithTheSameSeeds_DrawTheSameMasks(int? seed)
    {
        var a = Model(seed, modelSeed: 3);
        var b = Model(seed, modelSeed: 3);

        for (int step = 0; step < 3; step++)
            Assert.That(Kept(b.Call(Inputs, training: true)), Is.EqualTo(Kept(a.Call(Inputs, training: true))), $"step {step}");
    }

    [Test]
    public void Build_NoSeed_DrawsOneFromTheModelSeed()
    {
        var a = Model(seed: null, modelSeed: 3);
        var b = Model(seed: null, modelSeed: 4);

        Assert.That(Kept(b.Call(Inputs, training: true)), Is.Not.EqualTo(Kept(a.Call(Inputs, training: true))));
    }

    /// <summary>A run saved after k training steps and resumed in a fresh model draws, at step k + 1, the mask the run that
    /// never stopped draws at its step k + 1.</summary>
    [Test]
    public void CheckpointResume_AfterKSteps_DrawsTheMaskOfStepKPlusOne()
    {
        const int k = 4;
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "dropout.ckpt");
        Sequential Build() => new(64, [new Dense(64), new Dropout(0.5, seed: 9)], seed: 2);
        var uninterrupted = Build();
        var interrupted = Build();
        for (int step = 0; step < k; step++)
        {
            uninterrupted.Call(Inputs, training: true);
            interrupted.Call(Inputs, training: true);
        }
        Checkpoint.Save(path, interrupted, new Sgd(0.1), new TrainingPosition(0, k, Seed: 0, BatchSize: 4));

        var resumed = Build();
        Checkpoint.Load(path, resumed, new Sgd(0.1));

        Assert.That(((Dropout)resumed.Layers[1]).Step.Item(), Is.EqualTo(k));
        var expected = Kept(uninterrupted.Call(Inputs, training: true));
        Assert.That(Kept(resumed.Call(Inputs, training: true)), Is.EqualTo(expected));
        Assert.That(Kept(Build().Call(Inputs, training: true)), Is.Not.EqualTo(expected), "a fresh model's first mask differs, so the step counter is what was restored");
    }

    [Test]
    public void Gradient_InTraining_FlowsThroughTheKeptInputsOnly()
    {
        var x = Uniform(2, 1, 2, 3, 20);
        var model = new Sequential(20, [new Dropout(0.4, seed: 1)], dtype: DType.Float64);
        using var tape = new GradientTape();
        tape.Watch(x);

        var y = model.Call(x, training: true);
        var dx = tape.Gradient(y.Sum(), [x])[0]!;

        Assert.That(dx.ToArray<double>(), Is.EqualTo(y.ToArray<double>().Select(v => v == 0 ? 0 : 1 / 0.6)).Within(1e-15));
    }

    [TestCase(-0.5)]
    [TestCase(1.0)]
    public void Constructor_RateOutsideZeroToOne_Throws(double rate)
    {
        Assert.That(() => new Dropout(rate), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("dropout: rate must be in [0, 1)"));
    }
}
