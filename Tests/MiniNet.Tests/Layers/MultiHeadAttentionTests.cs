using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Layers;

public class MultiHeadAttentionTests
{
    private const int Time = 4, Width = 6, Heads = 2;

    private static Sequential Model(bool causal) => new([Time, Width], [new MultiHeadAttention(Heads, causal)], seed: 3, dtype: DType.Float64);

    /// <summary>Attention written out with loops from its definition, in float64: qkv = x·W + b; per head h (columns
    /// [hD, hD + D) of q, k and v), weights[t, s] = softmax over s ≤ t (or all s) of q_t·k_s / √D; y = (Σ_s weights·v_s)·W_o + b_o.</summary>
    private static double[] Reference(MultiHeadAttention layer, double[] x, int batch, bool causal)
    {
        int d = Width / Heads;
        double[] wqkv = layer.QkvKernel.ToArray<double>(), bqkv = layer.QkvBias.ToArray<double>();
        double[] wo = layer.OutputKernel.ToArray<double>(), bo = layer.OutputBias.ToArray<double>();
        var y = new double[batch * Time * Width];
        for (int b = 0; b < batch; b++)
        {
            var qkv = new double[Time, 3 * Width];
            for (int t = 0; t < Time; t++)
            for (int j = 0; j < 3 * Width; j++)
            {
                qkv[t, j] = bqkv[j];
                for (int i = 0; i < Width; i++) qkv[t, j] += x[(b * Time + t) * Width + i] * wqkv[i * 3 * Width + j];
            }
            var context = new double[Time, Width];
            for (int h = 0; h < Heads; h++)
            for (int t = 0; t < Time; t++)
            {
                int seen = causal ? t + 1 : Time;
                var scores = new double[seen];
                for (int s = 0; s < seen; s++)
                {
                    for (int e = 0; e < d; e++) scores[s] += qkv[t, h * d + e] * qkv[s, Width + h * d + e];
                    scores[s] /= Math.Sqrt(d);
                }
                double max = scores.Max(), sum = scores.Sum(v => Math.Exp(v - max));
                for (int s = 0; s < seen; s++)
                for (int e = 0; e < d; e++)
                    context[t, h * d + e] += Math.Exp(scores[s] - max) / sum * qkv[s, 2 * Width + h * d + e];
            }
            for (int t = 0; t < Time; t++)
            for (int j = 0; j < Width; j++)
            {
                double sum = bo[j];
                for (int i = 0; i < Width; i++) sum += context[t, i] * wo[i * Width + j];
                y[(b * Time + t) * Width + j] = sum;
            }
        }
        return y;
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Call_MatchesAttentionWrittenOutWithLoops(bool causal)
    {
        var model = Model(causal);
        var layer = (MultiHeadAttention)model.Layers[0];
        foreach (var bias in new[] { layer.QkvBias, layer.OutputBias })
            Uniform(9, -0.5, 0.5, bias.Length).AsSpan<double>().CopyTo(bias.AsSpan<double>());
        var x = Uniform(1, -1, 1, 2, Time, Width);

        Assert.That(model.Call(x).ToArray<double>(), Is.EqualTo(Reference(layer, x.ToArray<double>(), 2, causal)).Within(1e-12));
    }

    /// <summary>Causal: changing the last position's input leaves every earlier position's output unchanged.</summary>
    [Test]
    public void Call_Causal_EarlierPositionsDoNotSeeLaterOnes()
    {
        var model = Model(causal: true);
        var x = Uniform(2, -1, 1, 1, Time, Width);
        var changed = x.ToArray<double>();
        for (int i = (Time - 1) * Width; i < Time * Width; i++) changed[i] += 1;

        var before = model.Call(x).ToArray<double>();
        var after = model.Call(new Tensor(changed, 1, Time, Width)).ToArray<double>();

        Assert.That(after.Take((Time - 1) * Width), Is.EqualTo(before.Take((Time - 1) * Width)));
        Assert.That(after.Skip((Time - 1) * Width), Is.Not.EqualTo(before.Skip((Time - 1) * Width)));
    }

    [Test]
    public void Call_GradientOfInputsAndEveryWeight_MatchesFiniteDifferences()
    {
        var model = Model(causal: true);
        var x = Uniform(3, -1, 1, 2, Time, Width);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => model.Call(inputs[0], training: true), [x, .. model.TrainableVariables]);
    }

    [Test]
    public void Call_TrainingWithDropout_DropsWeightsAndAdvancesTheStep()
    {
        var model = new Sequential([Time, Width], [new MultiHeadAttention(Heads, causal: true, dropout: 0.5, seed: 1)], dtype: DType.Float64);
        var layer = (MultiHeadAttention)model.Layers[0];
        var x = Uniform(4, -1, 1, 2, Time, Width);

        var inference = model.Call(x, training: false).ToArray<double>();
        var training = model.Call(x, training: true).ToArray<double>();

        Assert.That(training, Is.Not.EqualTo(inference));
        Assert.That(layer.DropoutState!.Value.Step.Item(), Is.EqualTo(1));
    }

    [Test]
    public void Build_WidthNotDivisibleByHeads_SaysSo() =>
        Assert.That(() => new Sequential([Time, 5], [new MultiHeadAttention(2)]), Throws.ArgumentException.With.Message.EqualTo(
            "multi-head attention 'multiheadattention_0': width 5 does not divide into 2 heads"));

    [Test]
    public void Build_FlatInputs_SaysSequencesAreNeeded() =>
        Assert.That(() => new Sequential(8, [new MultiHeadAttention(2)]), Throws.ArgumentException.With.Message.EqualTo(
            "multi-head attention 'multiheadattention_0': input examples must be sequences (time, width), got (8)"));
}
