#:project ../Framework/MiniNet/MiniNet.csproj
// Fuel use from the Auto MPG table as a single-file program, run from the repository root: `dotnet run -c Release scripts/auto-mpg.cs`.
// It saves the trained model with its encoding, then loads it back as a program that never saw the training code would.
using MiniNet.Checkpoints;
using MiniNet.Data;
using MiniNet.Diagnostics;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Training;

ScriptErrors.ReportAsOneLine(); // an error you can cause ends in one line, "error: ...", not a stack trace
var schema = new TabularSchema(target: ["Miles_per_Gallon"], categorical: ["Origin"], missing: MissingValues.DropRow,
    numeric: ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Year"]);
var (cars, encoding) = TabularCsv.Load("data/auto-mpg/cars.csv", schema);
var (train, test) = cars.Split(0.2, seed: 2);
var normalization = new Normalization();
normalization.Adapt(train);
var model = new Sequential(train.FeatureCount,
    [normalization, new Dense(64, Activation.Relu), new Dense(64, Activation.Relu), new Dense(1)], seed: 2);
model.Fit(train, new MeanSquaredError(), new Adam(0.001), epochs: 100, batchSize: 32, seed: 2, validationSplit: 0.2, verbose: false);
Console.WriteLine($"test mean absolute error: {model.Evaluate(test, new MeanSquaredError())["mae"]:F2} MPG");
var car = new Dictionary<string, string> { ["Cylinders"] = "4", ["Displacement"] = "120", ["Horsepower"] = "90",
    ["Weight_in_lbs"] = "2400", ["Acceleration"] = "16", ["Year"] = "1980", ["Origin"] = "Japan" };
Directory.CreateDirectory("out");
Checkpoint.SaveModel("out/auto-mpg.model", model, encoding);
var (loaded, loadedEncoding) = Checkpoint.LoadModel("out/auto-mpg.model");
Console.WriteLine($"a 1980 Japanese 4-cylinder: {loaded.Predict(loadedEncoding!, [car])[0, 0]:F1} MPG predicted by the saved model");
