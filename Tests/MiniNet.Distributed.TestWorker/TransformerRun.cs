using MiniNet.Autodiff;
using MiniNet.Distributed;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;

/// <summary>
/// A small GPT (<see cref="Gpt.Create"/>: one block, two heads, width 16) trained data-parallel with a hand-written loop, as nanoGPT trains: each rank takes its part
/// of every global batch, and the <see cref="DistributedOptimizer"/> averages the gradients weighted by the parts' lengths.
/// The data is 256 sequences of 9 tokens counting modulo 10 from a random start by a random step; from each sequence's
/// first 8 tokens the model predicts the next token at every position, which it can only do from the earlier ones.
/// </summary>
internal static class TransformerRun
{
    private const int Count = 256, Time = 8, Vocabulary = 10, Batch = 32;

    /// <summary>Trains for <paramref name="epochs"/> passes over the data in a fixed order; returns, after each epoch, the
    /// loss and token accuracy on all the data (every rank holds the same weights), and the model.</summary>
    public static (List<double> Loss, List<double> Accuracy, Sequential Model) Train(ProcessGroup group, int epochs, int checkEvery)
    {
        var model = Gpt.Create(Vocabulary, Time, layers: 1, heads: 2, width: 16, seed: 7);
        // Momentum SGD rather than Adam: the key bias has a true gradient of zero (softmax ignores a shift shared by all of a
        // query's scores), so its gradient is rounding noise, which Adam's division by √v scales up to steps as large as a
        // real gradient's; the bias then differs between one process and two ranks while no output does (docs/distributed.md).
        var optimizer = new DistributedOptimizer(new Sgd(0.1, momentum: 0.9), group, checkEvery);
        var lossFunction = new SparseCategoricalCrossEntropy();
        var (inputs, targets) = Sequences();
        var (loss, accuracy) = (new List<double>(), new List<double>());
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int batchStart = 0; batchStart < Count; batchStart += Batch)
            {
                var (start, length) = optimizer.PartOfBatch(Batch);
                var (x, y) = Rows(inputs, targets, batchStart + start, length);
                using var tape = new GradientTape();
                var batchLoss = lossFunction.Call(y, model.Call(x));
                optimizer.ApplyGradients(tape.Gradient(batchLoss, model.TrainableVariables).Zip(model.TrainableVariables), length);
            }
            var (allX, allY) = Rows(inputs, targets, 0, Count);
            var logits = model.Call(allX);
            loss.Add(lossFunction.Call(allY, logits).Item());
            accuracy.Add(TokenAccuracy(logits, targets));
        }
        return (loss, accuracy, model);
    }

    private static (float[] Inputs, int[] Targets) Sequences()
    {
        var random = new Random(11);
        var (inputs, targets) = (new float[Count * Time], new int[Count * Time]);
        for (int i = 0; i < Count; i++)
        {
            int token = random.Next(Vocabulary), step = 1 + random.Next(Vocabulary - 1);
            for (int t = 0; t < Time; t++)
            {
                inputs[i * Time + t] = token;
                token = (token + step) % Vocabulary;
                targets[i * Time + t] = token;
            }
        }
        return (inputs, targets);
    }

    private static (Tensor X, ClassLabels Y) Rows(float[] inputs, int[] targets, int first, int count) =>
        (new Tensor(inputs[(first * Time)..((first + count) * Time)], count, Time),
            new ClassLabels(targets[(first * Time)..((first + count) * Time)], [count, Time], Vocabulary));

    private static double TokenAccuracy(Tensor logits, int[] targets)
    {
        float[] values = logits.ToArray<float>();
        int correct = 0;
        for (int position = 0; position < targets.Length; position++)
        {
            var row = values.AsSpan(position * Vocabulary, Vocabulary);
            int best = 0;
            for (int c = 1; c < Vocabulary; c++) if (row[c] > row[best]) best = c;
            if (best == targets[position]) correct++;
        }
        return (double)correct / targets.Length;
    }
}
