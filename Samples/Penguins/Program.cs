// Palmer penguins: which of three species a penguin is, from four measurements, its island and its sex, by a small network
// behind a Normalization layer adapted to the training penguins.
using System.Text.Json;
using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Samples;
using MiniNet.Training;
using Penguins;

if (!SampleErrors.TryParseOptions(() => PenguinsOptions.Parse(args), PenguinsOptions.Usage, out PenguinsOptions options))
    return 2;
SampleErrors.AcceptExtremeValuesOption = "--accept-extreme-values";
return SampleErrors.Run(Run);

int Run()
{
    // Every file the run will write is checked before the first step.
    SampleFiles.PrepareOutput("--json", options.Json);
    // One penguin's sex is recorded as "." (data/README.md): it means "not known", so it is missing, not a third sex.
    var schema = new TabularSchema(target: ["Species"], targetKind: TabularTarget.Categories, missing: MissingValues.DropRow,
        numeric: ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"], categorical: ["Island", "Sex"],
        missingMarkers: ["."]);
    var penguins = TabularCsv.Load(options.Data ?? SampleFiles.Shipped("penguins", "penguins.csv"), schema, acceptExtremeValues: options.AcceptExtremeValues);
    var species = penguins.Encoding.TargetClasses;
    var (train, test) = penguins.Dataset.Split(0.2, options.Seed);
    Console.WriteLine($"data: {penguins.Dataset.Count} penguins ({penguins.RowsDropped} rows with a missing value dropped), "
        + $"{train.Count} training, {test.Count} test; species: {string.Join(", ", species)}"
        + (penguins.BlankLinesSkipped > 0 ? $"; {penguins.BlankLinesSkipped} blank lines skipped" : ""));

    var normalization = new Normalization();
    normalization.Adapt(train); // the training penguins only: the test penguins stay unseen
    var model = new Sequential(train.FeatureCount, [normalization, new Dense(16, Activation.Relu), new Dense(species.Count)], options.Seed);
    var loss = new SparseCategoricalCrossEntropy();
    Console.WriteLine($"model: normalization, Dense 16 relu, Dense {species.Count}; Adam lr 0.01, batch 32, {options.Epochs} epochs, seed {options.Seed}");
    History history;
    try
    {
        history = model.Fit(train, loss, new Adam(0.01), options.Epochs, batchSize: 32, seed: options.Seed, validationSplit: 0.2, verbose: false);
    }
    catch (TrainingDivergedException error)
    {
        throw new InvalidOperationException(SampleErrors.Diverged(error, penguins.ExtremeValues), error);
    }

    var evaluation = model.Evaluate(test, loss);
    double[] epochSeconds = [.. history.Epochs.Select(epoch => epoch.TrainSeconds)];
    Console.WriteLine($"final training loss {history["loss"][^1]:F4}, accuracy {history["accuracy"][^1]:P1}; validation (the last 20% of the "
        + $"training penguins) loss {history["val_loss"][^1]:F4}, accuracy {history["val_accuracy"][^1]:P1}; training {epochSeconds.Sum():F2} s");
    Console.WriteLine($"test accuracy: {evaluation.Accuracy:P2} ({evaluation.Accuracy * test.Count:F0}/{test.Count}), test loss {evaluation.Loss:F4}");
    Console.WriteLine($"confusion matrix (rows: true species, columns: predicted; {string.Join(", ", species.Select((name, i) => $"{i} {name}"))}):");
    Console.WriteLine(evaluation.Confusion);
    var penguin = new Dictionary<string, string> { ["Island"] = "Torgersen", ["Beak Length (mm)"] = "39.1", ["Beak Depth (mm)"] = "18.7",
        ["Flipper Length (mm)"] = "181", ["Body Mass (g)"] = "3750", ["Sex"] = "MALE" };
    float[] probabilities = model.PredictProbabilities(penguins.Encoding, [penguin]).ToArray<float>();
    Console.WriteLine($"a raw row ({string.Join(", ", penguin.Values)}): {model.PredictClasses(penguins.Encoding, [penguin])[0]}, "
        + string.Join(", ", species.Select((name, i) => $"{name} {probabilities[i]:P1}")));

    // A write that fails now keeps the trained model in a file the error names.
    SampleFiles.WriteOrKeepModel(WriteSummary, "penguins", model, penguins.Encoding);
    return 0;

    void WriteSummary()
    {
        if (options.Json == null) return;
        var summary = new
        {
            test_accuracy = evaluation.Accuracy,
            test_loss = evaluation.Loss,
            rows_dropped = penguins.RowsDropped,
            epochs = history.Epochs.Count,
            epoch_seconds = epochSeconds,
            seed = options.Seed,
        };
        File.WriteAllText(options.Json, JsonSerializer.Serialize(summary) + Environment.NewLine);
        Console.WriteLine($"summary written to {Path.GetFullPath(options.Json)}");
    }
}
