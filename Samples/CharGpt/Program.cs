// nanoGPT's character-level GPT on its CPU recipe, trained on Pride and Prejudice: 4 blocks of 4 heads, width 128, context
// 64, batch 12, AdamW (lr 1e-3, betas 0.9/0.99, weight decay 0.1 on matrices only, gradients clipped to norm 1), 100 warm-up
// iterations then cosine decay to 1e-4 at the last. Prints the validation loss every 200 iterations, then a paragraph.
using System.Diagnostics;
using System.Text.Json;
using CharGpt;
using MiniNet.Kernels;
using MiniNet.Autodiff;
using MiniNet.Diagnostics;
using MiniNet.Checkpoints;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Optimizers.Schedules;
using MiniNet.Samples;
using MiniNet.Tensors;
using MiniNet.Text;
using MiniNet.Training;

if (!SampleErrors.TryParseOptions(() => CharGptOptions.Parse(args), CharGptOptions.Usage, out CharGptOptions options))
    return 2;
return SampleErrors.Run(Run);

int Run()
{
    const int context = 64, batch = 12, layers = 4, heads = 4, width = 128, warmup = 100;
    if (options.Threads is { } threads) Engine.Threads = threads;
    SampleFiles.PrepareOutput("--json", options.Json);
    SampleFiles.PrepareOutput("--save", options.Save);
    string text = TextFile.Read(options.Data ?? SampleFiles.Shipped("pride-and-prejudice", "pride-and-prejudice.txt"));
    var vocabulary = CharacterVocabulary.FromText(text);
    var (train, validation, _) = TextWindows.Split(vocabulary.Encode(text), vocabulary.Size, context, options.Seed);
    var model = Gpt.Create(vocabulary.Size, context, layers, heads, width, seed: options.Seed);
    var optimizer = new AdamW(1e-3, beta1: 0.9, beta2: 0.99, weightDecay: 0.1, decayWhere: variable => variable.Rank >= 2)
    {
        ClipNorm = 1.0,
        Schedule = new LinearWarmup(new CosineDecay(1e-3, Math.Max(1, options.Iterations - warmup), finalRate: 1e-4), warmup),
    };
    long parameters = model.TrainableVariables.Sum(variable => (long)variable.Length);
    long flops = Gpt.FlopsPerIteration(vocabulary.Size, context, layers, width, batch);
    Console.WriteLine($"data: {text.Length:N0} characters, {vocabulary.Size} distinct; {train.Count:N0} training windows of {context} (split by seed {options.Seed})");
    Console.WriteLine($"model: GPT, {layers} blocks, {heads} heads, width {width}, context {context}: {parameters:N0} parameters, {flops / 1e9:F2} GFLOP per iteration of {batch}");

    int start = 0;
    if (options.Resume != null)
    {
        var position = Checkpoint.Load(options.Resume, model, optimizer);
        if (position.Seed != options.Seed || position.BatchSize != batch)
            throw new ArgumentException($"cannot resume from {options.Resume}: it was run with seed {position.Seed}, not {options.Seed}");
        start = position.CompletedBatches;
        Console.WriteLine($"resumed from {options.Resume} after iteration {start}");
    }
    var crossEntropy = new SparseCategoricalCrossEntropy();
    // The step's inputs, filled each iteration; after its first two iterations the step is replayed (no --eager), allocating nothing.
    var (inputs, targets) = (Tensor.Zeros([batch, context]), new ClassLabels(new int[batch * context], classCount: vocabulary.Size));
    var step = new CapturedStep(() => crossEntropy.Call(targets, model.Call(inputs)), model.TrainableVariables, eager: options.Eager);
    // firstSeconds: the first iteration alone, which also compiles the kernels (JIT, ~0.2 s), for the steady-state figure.
    double trainLoss = double.NaN, validationLoss = double.NaN, trainingSeconds = 0, firstSeconds = 0;
    var clock = new Stopwatch();
    // The profile leaves out the first iteration, which also compiles the kernels.
    var profiler = options.Profile && options.Iterations - start > 1 ? new Profiler(groupByShape: options.ProfileShapes) : null;
    for (int iteration = start; iteration < options.Iterations; iteration++)
    {
        if (iteration == start + 1) profiler?.Begin();
        clock.Restart();
        using (new TensorScope())
        {
            train.BatchInto(iteration, inputs, targets);
            optimizer.ApplyGradients(step.Run(), model.TrainableVariables);
            trainLoss = step.Loss!.Item();
        }
        trainingSeconds += clock.Elapsed.TotalSeconds;
        if (iteration == start) firstSeconds = trainingSeconds;
        if (iteration > start) profiler?.EndStep();
        if (iteration + 1 == options.Iterations && profiler != null)
        {
            Console.WriteLine($"profile of iterations {start + 2} to {options.Iterations} (\"epoch 1\" below):");
            profiler.End();
        }
        if ((iteration + 1) % options.EvalEvery != 0 && iteration + 1 != options.Iterations) continue;
        validationLoss = Enumerable.Range(0, options.EvalBatches).Average(k =>
        {
            using var scope = new TensorScope();
            var (inputs, targets) = validation.Batch(batch, k);
            return crossEntropy.Call(targets, model.Call(inputs)).Item();
        });
        Console.WriteLine($"iteration {iteration + 1}: train loss {trainLoss:F4}, validation loss {validationLoss:F4}, "
            + $"{1000 * trainingSeconds / (iteration + 1 - start):F1} ms per iteration");
        if (options.Save != null) Checkpoint.Save(options.Save, model, optimizer, new TrainingPosition(0, iteration + 1, options.Seed, batch));
    }

    string paragraph = TextGeneration.Generate(model, vocabulary, "\n", options.Generate, temperature: 0.8, seed: options.Seed);
    Console.WriteLine($"generated:\n{paragraph}");
    if (options.Json != null)
    {
        var summary = new { iterations = options.Iterations, validation_loss = validationLoss, train_loss = trainLoss, parameters,
            flops_per_iteration = flops, ms_per_iteration = 1000 * trainingSeconds / Math.Max(1, options.Iterations - start),
            steady_ms_per_iteration = 1000 * (trainingSeconds - firstSeconds) / Math.Max(1, options.Iterations - start - 1), seed = options.Seed, threads = Engine.Threads, text = paragraph };
        File.WriteAllText(options.Json, JsonSerializer.Serialize(summary) + Environment.NewLine);
        Console.WriteLine($"summary written to {Path.GetFullPath(options.Json)}");
    }
    return 0;
}
