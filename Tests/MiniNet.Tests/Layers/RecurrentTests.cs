using MiniNet.Autodiff;
using MiniNet.Checkpoints;
using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Tests.Data;
using MiniNet.Training;

namespace MiniNet.Tests.Layers;

/// <summary>What <see cref="SimpleRNN"/>, <see cref="GRU"/> and <see cref="LSTM"/> share through <see cref="Recurrent"/>.</summary>
public class RecurrentTests
{
    [Test]
    public void WithoutReturnSequences_TheOutputIsTheLastStepOfTheSequence()
    {
        var x = TestTensors.Uniform(8, -1, 1, 2, 5, 3);
        var all = new Sequential([5, 3], [new GRU(4, returnSequences: true)], seed: 2, dtype: DType.Float64);
        var last = new Sequential([5, 3], [new GRU(4)], seed: 2, dtype: DType.Float64);

        var sequence = all.Call(x);
        var final = last.Call(x);

        Assert.That((all.OutputShape, last.OutputShape), Is.EqualTo((new[] { 5, 4 }, new[] { 4 })));
        Assert.That((sequence.Shape, final.Shape), Is.EqualTo((new[] { 2, 5, 4 }, new[] { 2, 4 })));
        Assert.That(final.ToArray<double>(), Is.EqualTo(MiniNet.Ops.SliceOp.Select(sequence, 1, 4).ToArray<double>()));
    }

    [Test]
    public void TheTape_RecordsTheUnrolledStepsAsOrdinaryOps()
    {
        var rnn = new SimpleRNN(2);
        _ = new Sequential([3, 2], [rnn], seed: 1);
        using var tape = new GradientTape();

        rnn.Call(Tensor.Ones([1, 3, 2]));

        // The input product once (the reshape of the constant input is not recorded), then per step: select, matmul, add, add, tanh.
        Assert.That(tape.Operations.Select(op => op.Name), Is.EqualTo(new[] { "matmul", "add", "reshape" }
            .Concat(Enumerable.Repeat(new[] { "select", "matmul", "add", "add", "tanh" }, 3).SelectMany(step => step))));
    }

    [Test]
    public void Build_OnFlatExamples_ThrowsSayingItTakesSequences() =>
        Assert.That(() => new Sequential(4, [new LSTM(2)]), Throws.ArgumentException.With.Message.EqualTo(
            "layer 'lstm_0' (LSTM) takes sequences (time, features), but its input examples are (4)"));

    [Test]
    public void Units_BelowOne_Throws() =>
        Assert.That(() => new GRU(0), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.StartsWith("GRU: units must be positive, got 0"));

    [Test]
    public void Load_RebuildsRecurrentLayersWithTheirSettingsAndWeights()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "recurrent.model");
        var saved = new Sequential([4, 2], [new SimpleRNN(3, Activation.Relu, returnSequences: true), new LSTM(3, returnSequences: true), new GRU(2)],
            seed: 4, dtype: DType.Float64);
        Checkpoint.SaveModel(path, saved);

        var loaded = Sequential.Load(path);

        Assert.That(loaded.Layers.Select(layer => LayerConfig.Of(layer).ToString()), Is.EqualTo(new[]
        {
            "simplernn(units=3, activation=relu, returnSequences=true)", "lstm(units=3, returnSequences=true)", "gru(units=2, returnSequences=false)",
        }));
        var x = TestTensors.Uniform(3, -1, 1, 2, 4, 2);
        Assert.That(loaded.Call(x).ToArray<double>(), Is.EqualTo(saved.Call(x).ToArray<double>()));
    }

    [Test]
    public void Fit_LearnsToRecallTheFirstStepOfASequence()
    {
        // The class is the sign of the first of 6 random steps: only backpropagation through every step can learn it.
        static Dataset Sequences(int count, int seed)
        {
            var random = new Random(seed);
            var features = new float[count * 6];
            var labels = new int[count];
            for (int i = 0; i < features.Length; i++) features[i] = (float)(random.NextDouble() * 2 - 1);
            for (int i = 0; i < count; i++) labels[i] = features[i * 6] > 0 ? 1 : 0;
            return Dataset.FromClassIndices(features, [6, 1], labels, classCount: 2);
        }
        var model = new Sequential([6, 1], [new GRU(8), new Dense(2)], seed: 3);

        model.Fit(Sequences(512, seed: 1), new SparseCategoricalCrossEntropy(), new Adam(0.02), epochs: 8, batchSize: 32, seed: 1, verbose: false);

        Assert.That(model.Evaluate(Sequences(256, seed: 2), new SparseCategoricalCrossEntropy()).Accuracy, Is.GreaterThan(0.95));
    }
}
