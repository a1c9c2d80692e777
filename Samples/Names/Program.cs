// makemore's ladder on the 29,693 US names of 2018: a model reads the characters of a name so far and predicts the next,
// scored by its loss on names it never saw, then writes twenty new names. --model picks the rung.
using System.Text.Json;
using MathNet.Numerics.Random;
using MiniNet.Autodiff;
using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Optimizers.Schedules;
using MiniNet.Samples;
using MiniNet.Tensors;
using MiniNet.Text;
using MiniNet.Training;
using Names;

if (!SampleErrors.TryParseOptions(() => NamesOptions.Parse(args), NamesOptions.Usage, out NamesOptions options))
    return 2;
return SampleErrors.Run(Run);

int Run()
{
    SampleFiles.PrepareOutput("--json", options.Json);
    var names = TextFile.ReadLines(options.Data ?? SampleFiles.Shipped("names", "names.txt"));
    var vocabulary = CharacterVocabulary.FromText(string.Concat(names), boundary: '.');
    var (train, validation, test) = NameWindows.Split(names, options.Seed);
    Console.WriteLine($"data: {names.Length} names, {vocabulary.Size} tokens ('.' starts and ends a name); {train.Length} training, "
        + $"{validation.Length} validation, {test.Length} test names (split by seed {options.Seed})");

    // Each rung trains on the training names and gives its loss on a list of names and a name generator.
    var (loss, generate) = options.Model switch
    {
        "bigram" => Bigram(),
        "rnn" or "gru" => Recurrent(),
        "transformer" => Transformer(),
        _ => Mlp(),
    };

    double validationLoss = loss(validation), testLoss = loss(test);
    Console.WriteLine($"{options.Model}: validation loss {validationLoss:F4}, test loss {testLoss:F4}");
    var generated = Enumerable.Range(0, 20).Select(i => generate(options.Seed * 100 + i)).ToArray();
    Console.WriteLine($"twenty names: {string.Join(" ", generated)}");
    if (options.Json != null)
    {
        var summary = new { model = options.Model, test_loss = testLoss, validation_loss = validationLoss, names = generated, seed = options.Seed };
        File.WriteAllText(options.Json, JsonSerializer.Serialize(summary) + Environment.NewLine);
        Console.WriteLine($"summary written to {Path.GetFullPath(options.Json)}");
    }
    return 0;

    (Func<IReadOnlyList<string>, double> Loss, Func<int, string> Generate) Bigram()
    {
        Console.WriteLine("model: bigram counts of the training names, each count plus 1");
        var bigram = new BigramCounts(vocabulary, train);
        return (bigram.Loss, seed => bigram.Generate(new Xoshiro256StarStar(seed)));
    }

    // makemore part 2: three characters' embeddings side by side, one tanh layer, SGD with the rate divided by 10 halfway.
    (Func<IReadOnlyList<string>, double> Loss, Func<int, string> Generate) Mlp()
    {
        const int block = 3, batch = 32;
        var model = new Sequential([block], [new Embedding(vocabulary.Size, 10), new Flatten(), new Dense(200, Activation.Tanh), new Dense(vocabulary.Size)], options.Seed);
        var examples = NameWindows.Create(train, vocabulary, block);
        int epochs = options.Epochs ?? 30;
        long steps = (long)epochs * ((examples.Count + batch - 1) / batch);
        var optimizer = new Sgd(0.1) { Schedule = new StepDecay(0.1, stepSize: steps / 2) };
        Console.WriteLine($"model: embedding 10, block {block}, dense 200 tanh, dense {vocabulary.Size}; SGD lr 0.1, 0.01 from step {steps / 2:N0} of {steps:N0} "
            + $"({epochs} epochs of {examples.Count:N0} examples, batch {batch})");
        return Train(model, examples, block, optimizer, epochs, batch);
    }

    // makemore's RNN and GRU: the last 8 characters' embeddings as a sequence through a recurrent layer, whose last hidden
    // state gives the next character's logits; Adam with the rate decayed by a cosine from 0.01 to 0.001.
    (Func<IReadOnlyList<string>, double> Loss, Func<int, string> Generate) Recurrent()
    {
        const int block = 8, batch = 64, width = 16, units = 64;
        int epochs = options.Epochs ?? 3;
        Layer recurrent = options.Model == "gru" ? new GRU(units) : new SimpleRNN(units);
        var model = new Sequential([block], [new Embedding(vocabulary.Size, width), recurrent, new Dense(vocabulary.Size)], options.Seed);
        var examples = NameWindows.Create(train, vocabulary, block);
        long steps = (long)epochs * ((examples.Count + batch - 1) / batch);
        var optimizer = new Adam(0.01) { Schedule = new CosineDecay(0.01, steps, finalRate: 0.001) };
        Console.WriteLine($"model: embedding {width}, block {block}, {options.Model} {units}, dense {vocabulary.Size}; Adam lr 0.01 cosine to 0.001 over {steps:N0} steps "
            + $"({epochs} epochs of {examples.Count:N0} examples, batch {batch})");
        return Train(model, examples, block, optimizer, epochs, batch);
    }

    // makemore's transformer: each name one sequence of the longest name's length + 1 positions, '.' and the name in, the
    // name and '.' out, the padding after it ignored; 4 blocks of 4 heads, width 64, dropout 0.1 (nanoGPT's, on the attention
    // weights and each block's two outputs); AdamW at 3e-3 after a warm-up of 100 steps, then a cosine to 1e-4. Without
    // dropout the model overfits the 23,754 training names within 10,000 steps; with it, it learns for longer. The weights
    // kept are those of the evaluation (every 2,000 steps) with the lowest validation loss: makemore keeps those of its best
    // test loss, but here the test names choose nothing.
    (Func<IReadOnlyList<string>, double> Loss, Func<int, string> Generate) Transformer()
    {
        const int batch = 32, layers = 4, heads = 4, width = 64, warmup = 100, evaluateEvery = 2_000;
        const double rate = 3e-3, finalRate = 1e-4, dropout = 0.1;
        int block = names.Max(name => name.Length) + 1, steps = options.Steps ?? 20_000;
        var model = Gpt.Create(vocabulary.Size, block, layers, heads, width, dropout, options.Seed);
        var sequences = NameSequences.Create(train, vocabulary, block);
        var optimizer = new AdamW(rate, weightDecay: 0.01, decayWhere: variable => variable.Rank >= 2)
        {
            Schedule = new LinearWarmup(new CosineDecay(rate, Math.Max(1, steps - warmup), finalRate), Math.Min(warmup, steps)),
        };
        var crossEntropy = new SparseCategoricalCrossEntropy(ignoreIndex: NameSequences.Padding);
        Console.WriteLine($"model: GPT, {layers} blocks, {heads} heads, width {width}, block {block}, dropout {dropout}; AdamW lr {rate} after {warmup} warm-up "
            + $"steps, cosine to {finalRate}, weight decay 0.01 on matrices, {steps:N0} steps of {batch} of the {sequences.Count:N0} training names; "
            + $"the weights of the best validation loss (every {evaluateEvery:N0} steps) kept");
        var random = new Xoshiro256StarStar(options.Seed);
        double trainingSum = 0, bestLoss = double.PositiveInfinity;
        int bestStep = 0;
        Tensor[] bestWeights = [];
        for (int step = 1; step <= steps; step++)
        {
            using (var scope = new TensorScope())
            {
                var (inputs, targets) = sequences.Batch([.. Enumerable.Range(0, batch).Select(_ => random.Next(sequences.Count))]);
                using var tape = new GradientTape();
                var batchLoss = crossEntropy.Call(targets, model.Call(inputs, training: true));
                var gradients = tape.Gradient(batchLoss, model.TrainableVariables);
                trainingSum += batchLoss.Item();
                optimizer.ApplyGradients(gradients.Zip(model.TrainableVariables));
            }
            if (step % evaluateEvery != 0 && step != steps) continue;
            double validationLoss = Loss(validation);
            if (validationLoss < bestLoss)
                (bestLoss, bestStep, bestWeights) = (validationLoss, step, [.. model.Variables.Select(variable => variable.Clone())]);
            int since = (step - 1) % evaluateEvery + 1;
            Console.WriteLine($"step {step:N0}: training loss {trainingSum / since:F4} (mean of the last {since:N0} steps, dropout on), validation loss {validationLoss:F4}");
            trainingSum = 0;
        }
        for (int i = 0; i < bestWeights.Length; i++) model.Variables[i].Assign(bestWeights[i]);
        Console.WriteLine($"kept the weights of step {bestStep:N0} (validation loss {bestLoss:F4})");
        // The mean over every predicted character of the names, as the other rungs': each batch's mean weighted by its characters.
        double Loss(IReadOnlyList<string> evaluated)
        {
            var all = NameSequences.Create(evaluated, vocabulary, block);
            double sum = 0;
            long characters = 0;
            foreach (var rows in Enumerable.Range(0, all.Count).Chunk(256))
            {
                using var scope = new TensorScope();
                var (inputs, targets) = all.Batch(rows);
                int predicted = targets.Indices.Length - targets.Indices.Count(NameSequences.Padding);
                sum += crossEntropy.Call(targets, model.Call(inputs, training: false)).Item() * predicted;
                characters += predicted;
            }
            return sum / characters;
        }
        return (Loss, seed => TextGeneration.Generate(model, vocabulary, "", maxLength: block - 1, seed: seed));
    }

    // Trains a model of the last block characters on the training names, and gives its loss on names and its generator.
    (Func<IReadOnlyList<string>, double> Loss, Func<int, string> Generate) Train(Sequential model, Dataset examples, int block,
        Optimizer optimizer, int epochs, int batch)
    {
        var crossEntropy = new SparseCategoricalCrossEntropy();
        model.Fit(examples, crossEntropy, optimizer, epochs, batch, options.Seed, verbose: false);
        return (names => model.Evaluate(NameWindows.Create(names, vocabulary, block), crossEntropy).Loss,
            seed => TextGeneration.Generate(model, vocabulary, "", maxLength: 50, seed: seed));
    }
}
