#:project ../Framework/MiniNet/MiniNet.csproj
// XOR as a single-file program: `dotnet run -c Release scripts/xor.cs`. A 2-8-1 tanh network, binary cross-entropy on its one logit.
using MiniNet.Data;
using MiniNet.Diagnostics;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Training;

ScriptErrors.ReportAsOneLine(); // an error you can cause ends in one line, "error: ...", not a stack trace
var points = Dataset.FromValues([0, 0, 0, 1, 1, 0, 1, 1], [2], [0, 1, 1, 0], [1]);
var model = new Sequential(2, [new Dense(8, Activation.Tanh), new Dense(1)], seed: 7);
var history = model.Fit(points, new BinaryCrossEntropy(fromLogits: true), new Sgd(0.1, momentum: 0.9),
    epochs: 300, batchSize: 4, verbose: false);
Console.WriteLine($"loss {history["loss"][^1]:F4}, accuracy {history["accuracy"][^1]:P0}");
Console.WriteLine($"logits for (0,0) (0,1) (1,0) (1,1): {model.Predict(points)}");
