// MNIST-lite: a 784-128-10 ReLU network trained with momentum SGD on 8,000 real MNIST digits, tested on 2,000 others.
// With --distributed, under `mpiexec -n N`, N processes (ranks) train it together: each on its part of every batch, the
// gradients averaged over the ranks at every step; rank 0 alone prints and writes files.
using System.Globalization;
using System.Text.Json;
using MiniNet.Checkpoints;
using MiniNet.Data;
using MiniNet.Diagnostics;
using MiniNet.Distributed;
using MiniNet.Kernels;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Onnx;
using MiniNet.Optimizers;
using MiniNet.Plotting;
using MiniNet.Samples;
using MiniNet.Training;
using MnistLite;

DebugBuild.WarnOnce(Console.Out); // the first line of the report, and Fit will not repeat it
if (!SampleErrors.TryParseOptions(() => MnistOptions.Parse(args), MnistOptions.Usage, out MnistOptions options))
    return 2;
if (!options.Distributed && MpiProcessGroup.LaunchedProcessCount > 1)
{
    Console.Error.WriteLine($"error: started as one of {MpiProcessGroup.LaunchedProcessCount} MPI processes; add --distributed to train together (each would otherwise train alone and write the same files)");
    return 2;
}
return options.Distributed ? MpiProcessGroup.Run(Train) : Train(null);

// The whole run; on several ranks, this rank's part of it. Any error ends it with one line and exit code 1.
int Train(MpiProcessGroup? group) => SampleErrors.Run(() => TrainRank(group));

int TrainRank(MpiProcessGroup? group)
{
    // Rank 0 alone prints (errors still reach standard error from every rank); the ranks on one machine share its cores.
    if (group is { IsRoot: false }) Console.SetOut(TextWriter.Null);
    if (options.Threads is { } threads) Engine.Threads = threads;
    else if (group != null) Engine.Threads = Math.Max(1, Environment.ProcessorCount / group.RanksOnThisMachine);

    Dataset train, test;
    try
    {
        train = DigitFiles.Load(options.Train ?? DigitFiles.Shipped("train.csv.gz"));
        test = DigitFiles.Load(options.Test ?? DigitFiles.Shipped("test.csv.gz")); // loaded now to fail early; used once, at the end
    }
    catch (Exception error) when (error is DataFormatException or IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"error: {error.Message}");
        return 1;
    }
    if (test.FeatureCount != train.FeatureCount)
    {
        Console.Error.WriteLine($"error: the test file has {test.FeatureCount} features per example, the training file {train.FeatureCount}; a model trained on one cannot be tested on the other");
        return 1;
    }
    // Keras's validation_split: validate on the last part of the training file; the test digits are used once, at the end.
    int held = (int)(train.Count * options.ValidationSplit);
    if (held > 0 && train.Count - held < options.Batch)
    {
        Console.Error.WriteLine($"error: --validation-split {options.ValidationSplit} leaves {train.Count - held} of {train.Count} examples to train on, fewer than a batch of {options.Batch}");
        Console.Error.WriteLine(MnistOptions.Usage);
        return 2;
    }
    // Every file the run will write is checked (its folder created) before the first step, not after the run; rank 0 writes them.
    if (group is not { IsRoot: false })
        foreach (var (option, path) in new[] { ("--plot", options.Plot), ("--json", options.Json), ("--export-onnx", options.ExportOnnx), ("--save", options.Save) })
            SampleFiles.PrepareOutput(option, path);
    Console.WriteLine($"data: {train.Count - held} training, {held} validation (the last {options.ValidationSplit:P0} of the training file) and {test.Count} test examples of {train.FeatureCount} features; {Engine.Threads} kernel thread(s){(group == null ? "" : $" on each of {group.Size} ranks")}");

    // The convnet reads each digit as a 28×28 image with one channel, channels last as in Keras.
    bool convnet = options.Model == "cnn";
    if (convnet) (train, test) = (train.Reshape(28, 28, 1), test.Reshape(28, 28, 1));
    Layer[] layers = convnet
        ? [new Conv2D(32, 3, Activation.Relu), new MaxPooling2D(), new Conv2D(64, 3, Activation.Relu), new MaxPooling2D(),
            new Flatten(), new Dropout(0.5), new Dense(10)]
        : [.. options.Hidden.Select(width => new Dense(width, Activation.Relu)), new Dense(10)];
    var model = new Sequential([.. train.FeatureShape], layers, options.Seed);
    string description = convnet
        ? "convnet: conv 3x3x32 relu, max-pool 2, conv 3x3x64 relu, max-pool 2, flatten, dropout 0.5, dense 10"
        : $"{train.FeatureCount}-{string.Join("-", options.Hidden)}-10 ReLU";
    var loss = new SparseCategoricalCrossEntropy();
    Optimizer optimizer = options.Optimizer == "adam" ? new Adam(options.LearningRate) : new Sgd(options.LearningRate, options.Momentum, options.Nesterov);
    var distributed = group == null ? null : new DistributedOptimizer(optimizer, group);
    optimizer = distributed ?? optimizer; // a distributed one averages the gradients over the ranks, then steps the one it wraps
    string training = options.Optimizer == "adam" ? $"Adam lr {options.LearningRate}"
        : $"SGD lr {options.LearningRate} momentum {options.Momentum}{(options.Nesterov ? " (Nesterov)" : "")}";
    string perRank = group == null ? "" : options.Batch % group.Size == 0 ? $" ({options.Batch / group.Size} per rank on {group.Size} ranks)"
        : $" ({options.Batch / group.Size}-{options.Batch / group.Size + 1} per rank on {group.Size} ranks)";
    Console.WriteLine($"model: {description}, {training}, batch {options.Batch}{perRank}, {options.Epochs} epochs, seed {options.Seed}");

    List<Callback> callbacks = [.. group == null ? [] : new Callback[] { new MetricAverageCallback(group, options.CheckpointEvery) }, new ProgressDisplay(), new EpochLogger()];
    if (options.Save != null && group is not { IsRoot: false }) callbacks.Add(new ModelCheckpoint(options.Save, optimizer, options.CheckpointEvery));
    if (options.Profile) callbacks.Add(new Profiler(groupByShape: options.ProfileShapes));
    History history;
    try
    {
        var resumeFrom = options.Resume == null ? null : Checkpoint.Load(options.Resume, model, optimizer);
        if (resumeFrom != null) Console.WriteLine($"resumed from {options.Resume}: {resumeFrom.CompletedEpochs} epochs and {resumeFrom.CompletedBatches} batches done"
            + (optimizer.LearningRate != options.LearningRate ? $"; its learning rate {optimizer.LearningRate} is used, not {options.LearningRate}" : ""));
        history = model.Fit(train, loss, optimizer, options.Epochs, options.Batch, options.Seed, validationSplit: options.ValidationSplit,
            callbacks: callbacks, checkFinite: options.CheckFinite, resumeFrom: resumeFrom, batchPart: distributed == null ? null : distributed.PartOfBatch);
    }
    catch (Exception error) when (error is CheckpointException or FileNotFoundException or TrainingDivergedException
        or ArgumentException { ParamName: "resumeFrom" or "train" or "batchSize" })
    {
        string context = error is ArgumentException { ParamName: "resumeFrom" } ? $"cannot resume from {options.Resume}: " : "";
        Console.Error.WriteLine($"error: {context}{SampleErrors.Describe(error)}");
        return 1;
    }

    if (group is { IsRoot: false }) return 0; // the other ranks are done once training is

    Evaluation evaluation;
    try
    {
        evaluation = model.Evaluate(test, loss);
    }
    catch (ArgumentException error) when (error.ParamName == "data")
    {
        Console.Error.WriteLine($"error: the test file does not fit the model: {SampleErrors.Describe(error)}");
        return 1;
    }
    double[] epochSeconds = history.Epochs.Select(e => e.TrainSeconds).ToArray();
    Console.WriteLine($"test accuracy: {evaluation.Accuracy:P2} ({evaluation.Accuracy * test.Count:F0}/{test.Count}), test loss {evaluation.Loss:F4}");
    Console.WriteLine($"training time: {epochSeconds.Sum():F2} s ({epochSeconds.Sum() / epochSeconds.Length:F3} s per epoch)");
    double? allReducePerStep = distributed?.AllReduceSeconds / distributed?.AllReduceCount;
    if (allReducePerStep != null) Console.WriteLine($"all-reduce: {allReducePerStep * 1000:F3} ms per step on rank 0 ({distributed!.AllReduceCount} steps)");
    Console.WriteLine("confusion matrix (rows: true digit, columns: predicted):");
    Console.WriteLine(evaluation.Confusion);

    // A write that fails now keeps the trained model in a file the error names.
    SampleFiles.WriteOrKeepModel(WriteResults, "mnist-lite", model);
    return 0;

    void WriteResults()
    {
        LearningCurves.SavePng(history, options.Plot, convnet ? "MNIST-lite: convnet, momentum SGD" : "MNIST-lite: 784-" + string.Join("-", options.Hidden) + "-10, momentum SGD");
        Console.WriteLine($"learning curves written to {Path.GetFullPath(options.Plot)}");

        if (options.ExportOnnx != null)
        {
            OnnxExport.Save(model, options.ExportOnnx);
            Console.WriteLine($"ONNX model written to {Path.GetFullPath(options.ExportOnnx)}");
        }

        if (options.Json != null)
        {
            var summary = new
            {
                test_accuracy = evaluation.Accuracy,
                test_loss = evaluation.Loss,
                final_train_loss = history["loss"][^1],
                epochs = history.Epochs[^1].Epoch,
                epoch_seconds = epochSeconds,
                train_samples_per_second = train.Count * epochSeconds.Length / epochSeconds.Sum(),
                batch = options.Batch,
                threads = Engine.Threads,
                ranks = group?.Size ?? 1,
                allreduce_seconds_per_step = allReducePerStep,
                seed = options.Seed,
            };
            // A run with --no-check-finite may end with a NaN loss; JSON has no NaN, so it is written as the string "NaN".
            var json = new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
            File.WriteAllText(options.Json, JsonSerializer.Serialize(summary, json) + Environment.NewLine);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"summary written to {Path.GetFullPath(options.Json)}"));
        }
    }
}
