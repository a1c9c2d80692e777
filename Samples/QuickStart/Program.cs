// The README's training script, verbatim (a test checks that the two stay the same). dotnet run starts it in the repository root.
using MiniNet.Autodiff;
using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Training;

var train = CsvLoader.Load("data/mnist-lite/train.csv.gz", "label", scale: 1f / 255, classCount: 10);
var test = CsvLoader.Load("data/mnist-lite/test.csv.gz", "label", scale: 1f / 255, classCount: 10);
var model = new Sequential(784, [new Dense(128, Activation.Relu), new Dense(10)], seed: 42);
var lossFn = new SparseCategoricalCrossEntropy();
var optimizer = new Sgd(learningRate: 0.1, momentum: 0.9);
var trainDataset = train.Shuffle(seed: 42).Batch(64);
for (int epoch = 0; epoch < 3; epoch++)
    foreach (var (x, y) in trainDataset)
    {
        using var tape = new GradientTape();
        var loss = lossFn.Call(y, model.Call(x));
        var grads = tape.Gradient(loss, model.TrainableVariables);
        optimizer.ApplyGradients(grads.Zip(model.TrainableVariables));
    }
Console.WriteLine($"test accuracy: {model.Evaluate(test, lossFn).Accuracy:P1}");
