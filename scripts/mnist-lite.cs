#:project ../Framework/MiniNet/MiniNet.csproj
// MNIST-lite as a single-file program, run from the repository root: `dotnet run -c Release scripts/mnist-lite.cs`.
using MiniNet.Data;
using MiniNet.Diagnostics;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Training;

ScriptErrors.ReportAsOneLine(); // an error you can cause ends in one line, "error: ...", not a stack trace
var train = CsvLoader.Load("data/mnist-lite/train.csv.gz", "label", scale: 1f / 255, classCount: 10);
var test = CsvLoader.Load("data/mnist-lite/test.csv.gz", "label", scale: 1f / 255, classCount: 10);
var model = new Sequential(784, [new Dense(128, Activation.Relu), new Dense(10)], seed: 13);
var loss = new SparseCategoricalCrossEntropy();
model.Fit(train, loss, new Sgd(0.1, momentum: 0.9), epochs: 10, batchSize: 64, seed: 13, validationSplit: 0.1);
Console.WriteLine($"test accuracy: {model.Evaluate(test, loss).Accuracy:P2}");
