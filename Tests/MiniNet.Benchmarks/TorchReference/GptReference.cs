using System.Diagnostics;
using System.Text.Json;
using MathNet.Numerics.Random;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchReference;

/// <summary>
/// The CharGpt sample's run in libtorch: the same book, vocabulary, train/validation split and batches (MiniNet's
/// <c>TextWindows</c>, re-done here with the same generator), the same model (nanoGPT's with biases, N(0, 0.02) weights, exact
/// GELU, an untied head without bias), the same AdamW (lr 1e-3, betas 0.9/0.99, decay 0.1 on matrices and embeddings only,
/// gradients clipped to norm 1) and schedule (100 warm-up iterations from 0, then cosine to 1e-4). Prints the validation
/// loss every --eval-every iterations and a JSON summary with the training time per iteration.
/// </summary>
public static class GptReference
{
    private const int Context = 64, BatchSize = 12, Layers = 4, Heads = 4, Width = 128, Warmup = 100, ChunkLength = 1000;

    /// <summary>Trains and reports; returns the exit code.</summary>
    public static int Run(ReferenceOptions options)
    {
        string path = options.Text ?? Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(DigitFiles.Shipped("train.csv.gz")))!,
            "pride-and-prejudice", "pride-and-prejudice.txt");
        string text = File.ReadAllText(path);
        if (text.Length == 0) throw new IOException($"{path}: the text file is empty");
        char[] characters = [.. text.Distinct().Order()];
        int[] ids = [.. text.Select(c => Array.BinarySearch(characters, c))];
        var (train, validation) = Windows.Split(ids, options.Seed);

        set_num_threads(options.Threads);
        manual_seed(options.Seed);
        var model = new Gpt(characters.Length);
        var matrices = model.parameters().Where(p => p.dim() >= 2).ToArray();
        var vectors = model.parameters().Where(p => p.dim() < 2).ToArray();
        var optimizer = optim.AdamW([new AdamW.ParamGroup(matrices, lr: 1e-3, beta1: 0.9, beta2: 0.99, eps: 1e-8, weight_decay: 0.1),
            new AdamW.ParamGroup(vectors, lr: 1e-3, beta1: 0.9, beta2: 0.99, eps: 1e-8, weight_decay: 0)], 1e-3, beta1: 0.9, beta2: 0.99, eps: 1e-8);
        long parameters = model.parameters().Sum(p => p.numel());
        Console.WriteLine($"model: GPT, {Layers} blocks, {Heads} heads, width {Width}, context {Context}: {parameters:N0} parameters; {options.Threads} threads");

        // firstSeconds: the first iteration alone (TorchSharp's and libtorch's warm-up), left out of the steady-state figure.
        double trainLoss = double.NaN, validationLoss = double.NaN, seconds = 0, firstSeconds = 0;
        var validationLosses = new List<double>();
        var clock = new Stopwatch();
        for (int iteration = 0; iteration < options.Iterations; iteration++)
        {
            double rate = iteration < Warmup ? 1e-3 * iteration / Warmup
                : 1e-4 + (1e-3 - 1e-4) * (1 + Math.Cos(Math.PI * Math.Min(iteration - Warmup, options.Iterations - Warmup) / Math.Max(1, options.Iterations - Warmup))) / 2;
            foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
            clock.Restart();
            using (var scope = NewDisposeScope())
            {
                var (inputs, targets) = train.Batch(iteration);
                optimizer.zero_grad();
                var loss = Loss(model, inputs, targets);
                loss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), 1.0);
                optimizer.step();
                trainLoss = loss.item<float>();
            }
            seconds += clock.Elapsed.TotalSeconds;
            if (iteration == 0) firstSeconds = seconds;
            if ((iteration + 1) % options.EvalEvery != 0 && iteration + 1 != options.Iterations) continue;
            using (no_grad())
                validationLoss = Enumerable.Range(0, 20).Average(k =>
                {
                    using var scope = NewDisposeScope();
                    var (inputs, targets) = validation.Batch(k);
                    return (double)Loss(model, inputs, targets).item<float>();
                });
            validationLosses.Add(validationLoss);
            Console.WriteLine($"iteration {iteration + 1}: train loss {trainLoss:F4}, validation loss {validationLoss:F4}, {1000 * seconds / (iteration + 1):F1} ms per iteration");
        }
        var summary = new { model = "gpt", iterations = options.Iterations, validation_loss = validationLoss, validation_losses = validationLosses,
            train_loss = trainLoss, parameters, ms_per_iteration = 1000 * seconds / options.Iterations,
            steady_ms_per_iteration = 1000 * (seconds - firstSeconds) / Math.Max(1, options.Iterations - 1), threads = options.Threads, seed = options.Seed };
        string json = JsonSerializer.Serialize(summary);
        if (options.Json == null) Console.WriteLine(json);
        else File.WriteAllText(options.Json, json + Environment.NewLine);
        return 0;
    }

    private static Tensor Loss(Gpt model, Tensor inputs, Tensor targets) =>
        nn.functional.cross_entropy(model.forward(inputs).view(-1, model.Vocabulary), targets.view(-1));

    /// <summary>nanoGPT's GPT with MiniNet's choices (see the class above).</summary>
    private sealed class Gpt : nn.Module<Tensor, Tensor>
    {
        private readonly Embedding tokens, positions;
        private readonly ModuleList<Block> blocks = new();
        private readonly LayerNorm final;
        private readonly Linear head;
        private readonly Tensor positionIds;

        public Gpt(int vocabulary) : base("gpt")
        {
            Vocabulary = vocabulary;
            tokens = nn.Embedding(vocabulary, Width);
            positions = nn.Embedding(Context, Width);
            for (int i = 0; i < Layers; i++) blocks.Add(new Block());
            final = nn.LayerNorm(Width);
            head = nn.Linear(Width, vocabulary, hasBias: false);
            positionIds = arange(Context, dtype: int64);
            RegisterComponents();
            using var noGrad = no_grad();
            foreach (var (name, parameter) in named_parameters())
            {
                if (name.EndsWith("bias")) nn.init.zeros_(parameter);
                else if (parameter.dim() >= 2) nn.init.normal_(parameter, 0, 0.02);
            }
        }

        public int Vocabulary { get; }

        public override Tensor forward(Tensor ids)
        {
            var x = tokens.forward(ids) + positions.forward(positionIds.narrow(0, 0, ids.shape[1]));
            foreach (var block in blocks) x = block.forward(x);
            return head.forward(final.forward(x));
        }
    }

    /// <summary>x + attention(layer_norm(x)), then x + mlp(layer_norm(x)), as nanoGPT's Block.</summary>
    private sealed class Block : nn.Module<Tensor, Tensor>
    {
        private readonly LayerNorm norm1 = nn.LayerNorm(Width), norm2 = nn.LayerNorm(Width);
        private readonly Linear qkv = nn.Linear(Width, 3 * Width), projection = nn.Linear(Width, Width);
        private readonly Linear expand = nn.Linear(Width, 4 * Width), contract = nn.Linear(4 * Width, Width);
        private readonly Tensor future = ones(Context, Context).tril().eq(0);

        public Block() : base("block") => RegisterComponents();

        public override Tensor forward(Tensor x)
        {
            long batch = x.shape[0], time = x.shape[1], headWidth = Width / Heads;
            var parts = qkv.forward(norm1.forward(x)).split(Width, 2);
            var (q, k, v) = (SplitHeads(parts[0]), SplitHeads(parts[1]), SplitHeads(parts[2]));
            var scores = q.matmul(k.transpose(-2, -1)) * (1 / Math.Sqrt(headWidth));
            var weights = nn.functional.softmax(scores.masked_fill(future.narrow(0, 0, time).narrow(1, 0, time), double.NegativeInfinity), -1);
            var attended = weights.matmul(v).transpose(1, 2).contiguous().view(batch, time, Width);
            x = x + projection.forward(attended);
            return x + contract.forward(nn.functional.gelu(expand.forward(norm2.forward(x))));

            Tensor SplitHeads(Tensor part) => part.view(batch, time, Heads, headWidth).transpose(1, 2);
        }
    }

    /// <summary>MiniNet's TextWindows: the text cut into chunks of 1,000 characters, shuffled by the seed, 80% train and 10%
    /// validation; batch k is 12 windows at offsets drawn from a generator seeded by (seed, k).</summary>
    private sealed class Windows(int[] ids, int[] chunkStarts, int seed)
    {
        private readonly long[] _before = Before(ids, chunkStarts);

        public static (Windows Train, Windows Validation) Split(int[] ids, int seed)
        {
            var starts = Enumerable.Range(0, (ids.Length + ChunkLength - 1) / ChunkLength).Select(chunk => chunk * ChunkLength).ToArray();
            new Xoshiro256StarStar(seed, threadSafe: false).Shuffle(starts);
            int train = (int)(0.8 * starts.Length), validation = (int)(0.9 * starts.Length);
            return (new Windows(ids, [.. starts[..train].Order()], seed), new Windows(ids, [.. starts[train..validation].Order()], seed));
        }

        public (Tensor Inputs, Tensor Targets) Batch(int step)
        {
            var random = new Xoshiro256StarStar(EpochSeed(seed, step), threadSafe: false);
            var inputs = new long[BatchSize * Context];
            var targets = new long[BatchSize * Context];
            for (int row = 0; row < BatchSize; row++)
            {
                long window = random.NextInt64(_before[^1]);
                int chunk = Array.FindLastIndex(_before, chunkStarts.Length - 1, chunkStarts.Length, before => before <= window);
                int offset = chunkStarts[chunk] + (int)(window - _before[chunk]);
                for (int t = 0; t < Context; t++)
                {
                    inputs[row * Context + t] = ids[offset + t];
                    targets[row * Context + t] = ids[offset + t + 1];
                }
            }
            return (tensor(inputs, [BatchSize, Context]), tensor(targets, [BatchSize, Context]));
        }

        private static long[] Before(int[] ids, int[] starts)
        {
            var before = new long[starts.Length + 1];
            for (int i = 0; i < starts.Length; i++)
                before[i + 1] = before[i] + Math.Max(0, Math.Min(ChunkLength, ids.Length - starts[i]) - Context);
            return before;
        }

        // MiniNet's ShuffledDataset.EpochSeed: SplitMix64's finalizer over (seed, step), folded to 32 bits.
        private static int EpochSeed(int seed, int step)
        {
            ulong z = ((ulong)(uint)seed << 32 | (uint)step) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z ^ (z >> 32));
        }
    }
}
