// Trains an 8-16-3 network on 600 blobs with momentum SGD, data-parallel over the ranks of an MPI job, for the tests of
// MiniNet.Distributed. Arguments, all optional, in pairs: --model mlp|gru|transformer (default mlp; gru reads each blob as a
// sequence of 8 steps of one feature, through a GRU of 8 units; transformer is TransformerRun's, with its own loop and data,
// and takes only --epochs, --check-every and --out), --epochs N (default 2), --batch N (global, default 32),
// --check-every N (default 100), --save PATH and --checkpoint-every N (rank 0 writes a checkpoint), --resume PATH,
// --out PATH (rank 0 writes the history and the weights as JSON), and the faults: --crash-rank R --crash-after-step S
// (rank R kills itself, as a crash would), --fail-rank R --fail-after-step S (rank R throws), --drift-rank R
// --drift-after-step S (rank R nudges one weight).
using System.Diagnostics;
using System.Text.Json;
using MiniNet.Checkpoints;
using MiniNet.Distributed;
using MiniNet.Distributed.Tests;
using MiniNet.Kernels;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Training;

var options = Enumerable.Range(0, args.Length / 2).ToDictionary(i => args[2 * i], i => args[2 * i + 1]);
int Number(string name, int fallback) => options.TryGetValue(name, out string? value) ? int.Parse(value) : fallback;
Engine.Threads = 1;

// Rank 0 writes the loss and accuracy after each epoch and the final weights.
void WriteOut(ProcessGroup group, IReadOnlyList<double> loss, IReadOnlyList<double> accuracy, Sequential model)
{
    if (group.IsRoot && options.TryGetValue("--out", out string? output))
        File.WriteAllText(output, JsonSerializer.Serialize(new
        {
            loss,
            accuracy,
            weights = model.TrainableVariables.SelectMany(variable => variable.ToArray<float>()).ToArray(),
        }));
}

if (options.GetValueOrDefault("--model") == "transformer")
    return MpiProcessGroup.Run(group =>
    {
        var (loss, accuracy, transformer) = TransformerRun.Train(group, Number("--epochs", 2), Number("--check-every", 100));
        WriteOut(group, loss, accuracy, transformer);
        return 0;
    });

return MpiProcessGroup.Run(group =>
{
    var (model, data) = options.GetValueOrDefault("--model", "mlp") switch
    {
        "mlp" => (new Sequential(8, [new Dense(16, Activation.Relu), new Dense(3)], seed: 7), Blobs.Make(600, seed: 3)),
        "gru" => (new Sequential([8, 1], [new GRU(8), new Dense(3)], seed: 7), Blobs.Make(600, seed: 3).Reshape(8, 1)),
        var other => throw new ArgumentException($"--model {other}: expected mlp, gru or transformer"),
    };
    var optimizer = new DistributedOptimizer(new Sgd(0.1, momentum: 0.9), group, Number("--check-every", 100));
    var resumeFrom = options.TryGetValue("--resume", out string? resume) ? Checkpoint.Load(resume, model, optimizer) : null;
    int? checkpointEvery = options.ContainsKey("--checkpoint-every") ? Number("--checkpoint-every", 0) : null;
    List<Callback> callbacks = [new MetricAverageCallback(group, checkpointEvery), new LambdaCallback(onBatchEnd: (state, batch) =>
    {
        long step = (long)state.Position.CompletedEpochs * state.BatchesPerEpoch + state.Position.CompletedBatches;
        if (group.Rank == Number("--crash-rank", -1) && step == Number("--crash-after-step", 0))
        {
            Console.Error.WriteLine($"rank {group.Rank}: crashing after step {step}");
            Process.GetCurrentProcess().Kill();
        }
        if (group.Rank == Number("--fail-rank", -1) && step == Number("--fail-after-step", 0))
            throw new InvalidOperationException($"rank {group.Rank} fails after step {step} on purpose");
        if (group.Rank == Number("--drift-rank", -1) && step == Number("--drift-after-step", 0))
            model.TrainableVariables[0][0, 0] += 1e-3;
    })];
    if (group.IsRoot && options.TryGetValue("--save", out string? save))
        callbacks.Add(new ModelCheckpoint(save, optimizer, checkpointEvery));
    var history = model.Fit(data, new SparseCategoricalCrossEntropy(), optimizer, Number("--epochs", 2),
        Number("--batch", 32), seed: 5, callbacks: callbacks, resumeFrom: resumeFrom, verbose: false, batchPart: optimizer.PartOfBatch);
    WriteOut(group, history["loss"], history["accuracy"], model);
    return 0;
});
