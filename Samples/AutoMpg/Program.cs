// Auto MPG: TensorFlow's "Basic regression: predict fuel efficiency". Miles per gallon from engine, weight, year and origin,
// by a linear model and by a 64-64-1 ReLU network, both behind a Normalization layer adapted to the training cars.
using System.Text.Json;
using AutoMpg;
using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Plotting;
using MiniNet.Samples;
using MiniNet.Training;

if (!SampleErrors.TryParseOptions(() => AutoMpgOptions.Parse(args), AutoMpgOptions.Usage, out AutoMpgOptions options))
    return 2;
SampleErrors.AcceptExtremeValuesOption = "--accept-extreme-values";
return SampleErrors.Run(Run);

int Run()
{
    // Every file the run will write is checked before the first step, not after 200 epochs of training.
    SampleFiles.PrepareFolder("--plot-dir", options.PlotDir);
    SampleFiles.PrepareOutput("--json", options.Json);
    var schema = new TabularSchema(target: ["Miles_per_Gallon"], categorical: ["Origin"], missing: MissingValues.DropRow,
        numeric: ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Year"]);
    var cars = TabularCsv.Load(options.Data ?? SampleFiles.Shipped("auto-mpg", "cars.csv"), schema, acceptExtremeValues: options.AcceptExtremeValues);
    // TensorFlow's train_dataset = dataset.sample(frac=0.8): the test cars are held out before anything is learned.
    var (train, test) = cars.Dataset.Split(0.2, options.Seed);
    Console.WriteLine($"data: {cars.Dataset.Count} cars ({cars.RowsDropped} rows with a missing value dropped), {train.Count} training, "
        + $"{test.Count} test; features: {string.Join(", ", cars.Encoding.FeatureNames)}"
        + (cars.BlankLinesSkipped > 0 ? $"; {cars.BlankLinesSkipped} blank lines skipped" : ""));

    var loss = new MeanSquaredError();
    var epochLogger = new LambdaCallback(onEpochEnd: (state, epoch) =>
    {
        if (epoch.Epoch % 10 == 0) Console.WriteLine("  " + EpochLogger.Format(state, epoch));
    });
    (Sequential Model, History History) Train(string name, Layer[] layers, double learningRate)
    {
        var normalization = new Normalization();
        normalization.Adapt(train); // the training cars only: the test cars stay unseen
        var model = new Sequential(train.FeatureCount, [normalization, .. layers], options.Seed);
        Console.WriteLine($"{name}: Adam lr {learningRate}, batch 32, {options.Epochs} epochs, validating on the last 20% of the training cars");
        try
        {
            var history = model.Fit(train, loss, new Adam(learningRate), options.Epochs, batchSize: 32, seed: options.Seed,
                metrics: ["mae"], validationSplit: 0.2, verbose: false, callbacks: [epochLogger]);
            return (model, history);
        }
        catch (TrainingDivergedException error)
        {
            throw new InvalidOperationException(SampleErrors.Diverged(error, cars.ExtremeValues), error);
        }
    }

    var (linear, _) = Train("linear model (normalization, Dense 1)", [new Dense(1)], learningRate: 0.1);
    var (network, history) = Train("network (normalization, Dense 64 relu, Dense 64 relu, Dense 1)",
        [new Dense(64, Activation.Relu), new Dense(64, Activation.Relu), new Dense(1)], learningRate: 0.001);

    var linearTest = linear.Evaluate(test, loss, metrics: ["mae"]);
    var networkTest = network.Evaluate(test, loss, metrics: ["mae"]);
    double[] epochSeconds = [.. history.Epochs.Select(epoch => epoch.TrainSeconds)];
    Console.WriteLine($"test mean absolute error: linear {linearTest["mae"]:F2} MPG, network {networkTest["mae"]:F2} MPG "
        + $"(network test MSE {networkTest.Loss:F2}); network training {epochSeconds.Sum():F2} s ({epochSeconds.Average() * 1000:F1} ms per epoch)");

    // A write that fails now keeps the trained network in a file the error names.
    SampleFiles.WriteOrKeepModel(WriteResults, "auto-mpg", network, cars.Encoding);
    return 0;

    void WriteResults()
    {
        double[] truth = [.. test.TargetValues.ToArray().Select(value => (double)value)];
        double[] predicted = [.. network.Predict(test).ToArray<float>().Select(value => (double)value)];
        string scatter = Path.Combine(options.PlotDir, "predictions.png"), errors = Path.Combine(options.PlotDir, "errors.png");
        ScatterPlot.SavePng(truth, predicted, scatter, "Auto MPG: test cars", "true MPG", "predicted MPG", identityLine: true);
        Histogram.SavePng([.. predicted.Zip(truth, (p, t) => p - t)], errors, "Auto MPG: prediction error on the test cars", "predicted - true MPG");
        Console.WriteLine($"plots written to {Path.GetFullPath(scatter)} and {Path.GetFileName(errors)}");

        if (options.Json != null)
        {
            var summary = new
            {
                test_mae = networkTest["mae"],
                test_mse = networkTest.Loss,
                linear_test_mae = linearTest["mae"],
                rows_dropped = cars.RowsDropped,
                epochs = history.Epochs.Count,
                epoch_seconds = epochSeconds,
                seed = options.Seed,
            };
            File.WriteAllText(options.Json, JsonSerializer.Serialize(summary) + Environment.NewLine);
            Console.WriteLine($"summary written to {Path.GetFullPath(options.Json)}");
        }
    }
}
