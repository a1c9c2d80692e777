// The reference MiniNet is measured against: the MnistLite sample's MLP (or, with --model cnn, Keras's simple MNIST convnet)
// trained in TorchSharp (libtorch, CPU) on the same files with the same options; prints the sample's --json summary. With
// --model gpt, the CharGpt sample's character GPT on the same book, split, batches, optimizer and schedule (GptReference.cs).
using System.Diagnostics;
using System.Text.Json;
using TorchReference;
using TorchSharp;
using static TorchSharp.torch;

ReferenceOptions options;
try
{
    options = ReferenceOptions.Parse(args);
}
catch (FormatException error)
{
    Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine(ReferenceOptions.Usage);
    return 2;
}
if (options.Gemm)
{
    GemmBenchmark.Run();
    return 0;
}
if (options.Model == "gpt")
{
    try
    {
        return GptReference.Run(options);
    }
    catch (IOException error)
    {
        Console.Error.WriteLine($"error: {error.Message}");
        return 1;
    }
}
set_num_threads(options.Threads);
manual_seed(options.Seed);

Digits train, test;
try
{
    train = DigitFiles.Load(options.Train ?? DigitFiles.Shipped("train.csv.gz"));
    test = DigitFiles.Load(options.Test ?? DigitFiles.Shipped("test.csv.gz"));
}
catch (Exception error) when (error is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {error.Message}");
    return 1;
}
using var trainX = tensor(train.Pixels, [train.Count, 784]);
using var trainY = tensor(train.Labels);
using var testX = tensor(test.Pixels, [test.Count, 784]);
using var testY = tensor(test.Labels);

var model = Models.Create(options);
var optimizer = Models.Optimizer(options, model);
var loss = nn.CrossEntropyLoss(); // softmax and cross-entropy on the logits, as MiniNet's SparseCategoricalCrossEntropy

// Three untimed steps on a throwaway model, so that libtorch's first-call costs (thread pool, allocator) stay out of epoch 1.
{
    var warmModel = Models.Create(options);
    var warmOptimizer = Models.Optimizer(options, warmModel);
    using var scope = NewDisposeScope();
    for (int i = 0; i < 3; i++) Step(warmModel, warmOptimizer, trainX.narrow(0, 0, options.Batch), trainY.narrow(0, 0, options.Batch));
}

// Each epoch visits the digits in a new order (seeded), in batches of --batch, the last one smaller; only training is timed.
var shuffle = new Generator((ulong)options.Seed);
var epochSeconds = new List<double>();
double meanLoss = double.NaN;
for (int epoch = 0; epoch < options.Epochs; epoch++)
{
    using var order = randperm(train.Count, generator: shuffle);
    var clock = Stopwatch.StartNew();
    double lossSum = 0;
    for (int start = 0; start < train.Count; start += options.Batch)
    {
        using var scope = NewDisposeScope();
        int size = Math.Min(options.Batch, train.Count - start);
        var batch = order.narrow(0, start, size);
        lossSum += Step(model, optimizer, trainX.index_select(0, batch), trainY.index_select(0, batch)) * size;
    }
    epochSeconds.Add(clock.Elapsed.TotalSeconds);
    meanLoss = lossSum / train.Count;
}

model.eval(); // dropout off
long correct;
using (no_grad())
using (var scope = NewDisposeScope())
    correct = model.forward(testX).argmax(1).eq(testY).sum().item<long>();

var summary = new
{
    test_accuracy = (double)correct / test.Count,
    final_train_loss = meanLoss,
    epochs = options.Epochs,
    epoch_seconds = epochSeconds,
    train_samples_per_second = train.Count * epochSeconds.Count / epochSeconds.Sum(),
    batch = options.Batch,
    threads = options.Threads,
    seed = options.Seed,
    model = options.Model,
    optimizer = options.Optimizer,
};
string json = JsonSerializer.Serialize(summary);
if (options.Json == null) Console.WriteLine(json);
else File.WriteAllText(options.Json, json + Environment.NewLine);
return 0;

// One step of minibatch training; returns the batch's mean loss.
double Step(nn.Module<Tensor, Tensor> network, optim.Optimizer stepper, Tensor images, Tensor labels)
{
    stepper.zero_grad();
    var batchLoss = loss.forward(network.forward(images), labels);
    batchLoss.backward();
    stepper.step();
    return batchLoss.item<float>();
}
