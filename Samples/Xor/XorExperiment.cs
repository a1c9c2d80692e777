using MiniNet.Autodiff;
using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Training;

namespace Xor;

/// <summary>The four XOR points, a 2-8-1 tanh network, and the TensorFlow-style training loop, full batch.</summary>
public static class XorExperiment
{
    /// <summary>The loss below which training counts as converged.</summary>
    public const double TargetLoss = 0.01;

    /// <summary>What a run reached: epochs taken (or the budget, if it never converged), final loss, points classified right.</summary>
    public sealed record Result(int Epochs, bool Converged, double Loss, int Correct);

    /// <summary>Trains from a fixed seed until the loss drops below <see cref="TargetLoss"/> or the epoch budget runs out.</summary>
    public static Result Train(double momentum, int seed = 7, double learningRate = 0.1, int maxEpochs = 20_000, Action<int, double>? log = null)
    {
        var (x, y, model, lossFunction) = Setup(seed);
        var optimizer = new Sgd(learningRate, momentum);

        double loss = double.NaN;
        int epoch = 0;
        while (epoch < maxEpochs)
        {
            epoch++;
            using var tape = new GradientTape();
            var lossTensor = lossFunction.Call(y, model.Call(x));
            var gradients = tape.Gradient(lossTensor, model.TrainableVariables);
            optimizer.ApplyGradients(gradients.Zip(model.TrainableVariables));
            loss = lossTensor.Item();
            log?.Invoke(epoch, loss);
            if (loss < TargetLoss) break;
        }

        var logits = model.Call(x);
        int correct = Enumerable.Range(0, 4).Count(i => logits[i, 0] > 0 == y[i, 0] > 0.5);
        return new Result(epoch, loss < TargetLoss, loss, correct);
    }

    /// <summary>The same network and data trained by <c>Fit</c> instead of the hand-written loop: binary cross-entropy on the
    /// one logit, the four points as one batch, and the "accuracy" metric, which the loss makes binary (logit above 0).</summary>
    public static History TrainWithFit(int epochs, double momentum = 0.9, int seed = 7, double learningRate = 0.1)
    {
        var (x, y, model, lossFunction) = Setup(seed);
        var points = Dataset.FromValues(x.AsSpan<float>().ToArray(), [2], y.AsSpan<float>().ToArray(), [1]);
        return model.Fit(points, lossFunction, new Sgd(learningRate, momentum), epochs, batchSize: 4, seed: seed, verbose: false);
    }

    /// <summary>The graph of the first training step from <paramref name="seed"/>, with every tensor's gradient norm.</summary>
    public static TapeGraph TraceFirstStep(int seed = 7)
    {
        var (x, y, model, lossFunction) = Setup(seed);
        var tape = new GradientTape { TraceGradients = true };
        Tensor loss;
        using (tape) loss = lossFunction.Call(y, model.Call(x));
        tape.Gradient(loss, model.TrainableVariables);
        return tape.Graph;
    }

    private static (Tensor X, Tensor Y, Sequential Model, BinaryCrossEntropy LossFunction) Setup(int seed) => (
        new Tensor([0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f], 4, 2),
        new Tensor([0f, 1f, 1f, 0f], 4, 1),
        new Sequential(2, [new Dense(8, Activation.Tanh), new Dense(1)], seed),
        new BinaryCrossEntropy(fromLogits: true));
}
