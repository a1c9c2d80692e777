using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MiniNet.Autodiff;
using MiniNet.Checkpoints;
using MiniNet.Layers;
using MiniNet.Metrics;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Optimizers.Schedules;
using MiniNet.Tensors;
using MiniNet.Tests.Data;
using MiniNet.Tests.Training;
using MiniNet.Training;

namespace MiniNet.Tests.Checkpoints;

public class CheckpointTests
{
    private static readonly TrainingPosition Position = new(CompletedEpochs: 2, CompletedBatches: 3, Seed: 7, BatchSize: 16, EpochLossSum: 12.5, EpochSamples: 48, EpochMetrics: [new("accuracy", 40, 48)]);

    private static Sequential Model(int hidden = 8, int seed = 1, DType dtype = DType.Float32) =>
        new(2, [new Dense(hidden, Activation.Relu), new Dense(2)], seed, dtype);

    public static IEnumerable<TestCaseData> Optimizers()
    {
        yield return new TestCaseData(new Func<Optimizer>(() => new Sgd(0.05, momentum: 0.9))).SetName("Resume_{m}(Sgd momentum)");
        yield return new TestCaseData(new Func<Optimizer>(() => new Sgd(0.05, momentum: 0.9, nesterov: true, form: MomentumForm.Keras) { Schedule = new StepDecay(0.05, 3) })).SetName("Resume_{m}(Sgd Keras Nesterov, step decay)");
        yield return new TestCaseData(new Func<Optimizer>(() => new Adam(0.01) { Schedule = new LinearWarmup(new CosineDecay(0.01, 20), 4), ClipNorm = 1 })).SetName("Resume_{m}(Adam, warm-up cosine, clip)");
        yield return new TestCaseData(new Func<Optimizer>(() => new RmsProp(0.01, momentum: 0.5, centered: true))).SetName("Resume_{m}(RmsProp centered momentum)");
        yield return new TestCaseData(new Func<Optimizer>(() => new Adagrad(0.1, learningRateDecay: 0.01, initialAccumulatorValue: 0.1))).SetName("Resume_{m}(Adagrad)");
    }

    // Steps of the hand-written loop on fixed batches: step i trains on batch i mod 4 of 64 blobs.
    private static void Train(Sequential model, Optimizer optimizer, int fromStep, int toStep)
    {
        var batches = TrainingData.Blobs(64, seed: 3).Batch(16).ToList();
        var loss = new SparseCategoricalCrossEntropy();
        for (int step = fromStep; step < toStep; step++)
        {
            var (x, y) = batches[step % batches.Count];
            using var tape = new GradientTape();
            var value = loss.Call(y, model.Call(x));
            optimizer.ApplyGradients(tape.Gradient(value, model.TrainableVariables).Zip(model.TrainableVariables));
        }
    }

    [TestCaseSource(nameof(Optimizers))]
    public void SaveLoad_NStepsThenMSteps_BitIdenticalToNPlusMSteps(Func<Optimizer> create)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "run.ckpt");
        var straight = Model();
        Train(straight, create(), 0, 10);

        var first = Model();
        var firstOptimizer = create();
        Train(first, firstOptimizer, 0, 6);
        Checkpoint.Save(path, first, firstOptimizer, Position);
        var resumed = Model(seed: 99);
        var resumedOptimizer = create();
        Checkpoint.Load(path, resumed, resumedOptimizer);
        Train(resumed, resumedOptimizer, 6, 10);

        for (int i = 0; i < straight.TrainableVariables.Count; i++)
            Assert.That(resumed.TrainableVariables[i].ToArray<float>(), Is.EqualTo(straight.TrainableVariables[i].ToArray<float>()), straight.TrainableVariables[i].Name);
    }

    [Test]
    public void Load_ReturnsThePositionAndRestoresSlotsAndStepCount()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "run.ckpt");
        var model = Model(dtype: DType.Float64);
        var optimizer = new Sgd(0.05, momentum: 0.9);
        Train64(model, optimizer);
        Checkpoint.Save(path, model, optimizer, Position);

        var restoredModel = Model(seed: 5, dtype: DType.Float64);
        var restored = new Sgd(0.05, momentum: 0.9);
        var position = Checkpoint.Load(path, restoredModel, restored);

        Assert.That(position, Is.EqualTo(Position));
        Assert.That(restored.Iterations, Is.EqualTo(1));
        var kernel = model.TrainableVariables[0];
        Assert.That(restored.SlotsOf(restoredModel.TrainableVariables[0])["velocity"].ToArray<double>(), Is.EqualTo(optimizer.SlotsOf(kernel)["velocity"].ToArray<double>()));
        Assert.That(restoredModel.TrainableVariables[0].ToArray<double>(), Is.EqualTo(kernel.ToArray<double>()));
    }

    private static void Train64(Sequential model, Optimizer optimizer)
    {
        var x = new Tensor([1.0, 2.0, -1.0, 0.5], 2, 2);
        var y = new ClassLabels([0, 1]);
        using var tape = new GradientTape();
        var value = new SparseCategoricalCrossEntropy().Call(y, model.Call(x));
        optimizer.ApplyGradients(tape.Gradient(value, model.TrainableVariables).Zip(model.TrainableVariables));
    }

    [Test]
    public void Save_File_HasTheDocumentedFrame()
    {
        // docs/checkpoint-format.md: "MNCK", uint32 version 2, int64 body length, body, SHA-256 of everything before it.
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "run.ckpt");
        Checkpoint.Save(path, Model(), new Sgd(0.1), Position);

        byte[] bytes = File.ReadAllBytes(path);

        Assert.That(Encoding.ASCII.GetString(bytes, 0, 4), Is.EqualTo("MNCK"));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)), Is.EqualTo(2));
        Assert.That(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)), Is.EqualTo(bytes.Length - 16 - 32));
        Assert.That(bytes[^32..], Is.EqualTo(SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32))));
        Assert.That(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16)), Is.EqualTo(2), "the body starts with the completed epochs");
    }

    [Test]
    public void Save_LeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        Checkpoint.Save(Path.Combine(folder.Path, "run.ckpt"), Model(), new Sgd(0.1), Position);

        Assert.That(Directory.GetFiles(folder.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "run.ckpt" }));
    }

    [Test]
    public void Save_WriteFails_LeavesThePreviousCheckpointIntactAndNamesTheFile()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "run.ckpt");
        var model = Model();
        Checkpoint.Save(path, model, new Sgd(0.1), Position);
        byte[] before = File.ReadAllBytes(path);
        Directory.CreateDirectory(path + ".tmp"); // the temporary file cannot be created: the write fails before the rename

        Assert.That(() => Checkpoint.Save(path, Model(seed: 2), new Sgd(0.1), Position with { CompletedEpochs = 3 }),
            Throws.InstanceOf<CheckpointException>().With.Message.StartsWith($"checkpoint {path}: cannot write it: "));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
        Assert.That(Checkpoint.Load(path, Model(), new Sgd(0.1)).CompletedEpochs, Is.EqualTo(2));
    }

    [Test]
    public void Save_MissingFolder_ThrowsNamingTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "mininet-no-such-folder-" + Guid.NewGuid().ToString("N"), "run.ckpt");

        Assert.That(() => Checkpoint.Save(path, Model(), new Sgd(0.1), Position),
            Throws.InstanceOf<CheckpointException>().With.Message.StartsWith($"checkpoint {path}: cannot write it: "));
    }

    [Test]
    public void Save_NegativePosition_ThrowsNamingTheValue()
    {
        Assert.That(() => Checkpoint.Save("unused.ckpt", Model(), new Sgd(0.1), Position with { CompletedBatches = -1 }),
            Throws.ArgumentException.With.Message.EqualTo("training position: CompletedBatches must be >= 0, got -1 (Parameter 'position')"));
    }

    [Test]
    public void Load_MissingFile_ThrowsFileNotFoundNamingIt()
    {
        string path = Path.Combine(Path.GetTempPath(), "mininet-missing-" + Guid.NewGuid().ToString("N") + ".ckpt");

        Assert.That(() => Checkpoint.Load(path, Model(), new Sgd(0.1)), Throws.InstanceOf<FileNotFoundException>().With.Message.Contains(path));
    }

    // The file's bytes after Save, changed by `damage`, then loaded into a matching model: the message that comes out.
    private static string LoadDamaged(Func<byte[], byte[]> damage, out string path)
    {
        var folder = new TempFolder();
        path = Path.Combine(folder.Path, "run.ckpt");
        var model = Model();
        var optimizer = new Sgd(0.1, momentum: 0.9);
        Train(model, optimizer, 0, 1);
        Checkpoint.Save(path, model, optimizer, Position);
        File.WriteAllBytes(path, damage(File.ReadAllBytes(path)));
        var target = Model(seed: 2);
        byte[] weightsBefore = target.TrainableVariables[0].ToArray<float>().SelectMany(BitConverter.GetBytes).ToArray();
        try
        {
            Checkpoint.Load(path, target, new Sgd(0.1, momentum: 0.9));
        }
        catch (CheckpointException error)
        {
            Assert.That(error.Path, Is.EqualTo(path));
            Assert.That(target.TrainableVariables[0].ToArray<float>().SelectMany(BitConverter.GetBytes).ToArray(), Is.EqualTo(weightsBefore), "no partial load");
            return error.Message;
        }
        finally
        {
            folder.Dispose();
        }
        throw new AssertionException("the damaged checkpoint loaded");
    }

    [Test]
    public void Load_WrongMagic_SaysItIsNotACheckpoint()
    {
        string message = LoadDamaged(bytes => [.. "PK\u0003\u0004"u8, .. bytes[4..]], out string path);

        Assert.That(message, Is.EqualTo($"checkpoint {path}: not a MiniNet checkpoint: it starts with bytes 504B0304, a checkpoint with 4D4E434B (\"MNCK\")"));
    }

    [Test]
    public void Load_NewerFormatVersion_SaysWhichVersionAndWhatThisReads()
    {
        string message = LoadDamaged(bytes => { bytes[4] = 3; return bytes; }, out string path);

        Assert.That(message, Is.EqualTo($"checkpoint {path}: format version 3 is newer than this MiniNet reads (up to 2); load it with a newer MiniNet"));
    }

    [TestCase(0)]
    [TestCase(3)]
    [TestCase(20)]
    [TestCase(200)]
    public void Load_Truncated_SaysTruncated(int keep)
    {
        string message = LoadDamaged(bytes => bytes[..keep], out string path);

        Assert.That(message, Does.StartWith($"checkpoint {path}: truncated: "));
    }

    [Test]
    public void Load_LastByteMissing_SaysHowLongItShouldBe()
    {
        int length = 0;
        string message = LoadDamaged(bytes => { length = bytes.Length; return bytes[..^1]; }, out string path);

        Assert.That(message, Is.EqualTo($"checkpoint {path}: truncated: its header gives a length of {length} bytes, the file has {length - 1}"));
    }

    [Test]
    public void Load_BytesAppended_SaysSo()
    {
        string message = LoadDamaged(bytes => [.. bytes, 0, 0, 0], out string path);

        Assert.That(message, Does.StartWith($"checkpoint {path}: 3 unexpected bytes after the checksum"));
    }

    [Test]
    public void Load_OneBitFlipped_SaysChecksumMismatch()
    {
        string message = LoadDamaged(bytes => { bytes[bytes.Length / 2] ^= 0x10; return bytes; }, out string path);

        Assert.That(message, Does.StartWith($"checkpoint {path}: checksum mismatch: the file records SHA-256 ").And.EndWith("; the file is corrupt"));
    }

    [Test]
    public void Load_ImpossibleCountWithAValidChecksum_SaysCorrupt()
    {
        // The hyper-parameter count (after the 16-byte header, a 64-byte position with one metric state, "accuracy", and
        // 32 bytes of optimizer numbers) made huge.
        string message = LoadDamaged(bytes =>
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16 + 64 + 32), 1_000_000_000);
            SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes.AsSpan(bytes.Length - 32));
            return bytes;
        }, out string path);

        Assert.That(message, Does.StartWith($"checkpoint {path}: corrupt (its checksum is right, so it was written wrongly, not damaged): the count of hyper-parameters is 1000000000"));
    }

    [Test]
    public void Load_OtherLayerWidth_NamesTheTensorAndBothShapes()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "run.ckpt");
        Checkpoint.Save(path, Model(hidden: 8), new Sgd(0.1), Position);

        Assert.That(() => Checkpoint.Load(path, Model(hidden: 4), new Sgd(0.1)),
            Throws.InstanceOf<CheckpointException>().With.Message.EqualTo(
                $"checkpoint {path}: it does not fit the model: tensor 'dense_0/kernel' is (2,8) float32 in the file but (2,4) float32 in the model; "
                + "tensor 'dense_0/bias' is (8) float32 in the file but (4) float32 in the model; tensor 'dense_1/kernel' is (8,2) float32 in the file but (4,2) float32 in the model"));
    }

    [Test]
    public void Load_OtherDType_NamesBoth()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "run.ckpt");
        Checkpoint.Save(path, Model(), new Sgd(0.1), Position);

        Assert.That(() => Checkpoint.Load(path, Model(dtype: DType.Float64), new Sgd(0.1)),
            Throws.InstanceOf<CheckpointException>().With.Message.Contains("tensor 'dense_0/kernel' is (2,8) float32 in the file but (2,8) float64 in the model"));
    }

    [Test]
    public void Load_ModelWithAnExtraLayer_NamesTheMissingAndTheUnknownTensors()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "run.ckpt");
        Checkpoint.Save(path, new Sequential(2, [new Dense(8), new Dense(2)]), new Sgd(0.1), Position);

        Assert.That(() => Checkpoint.Load(path, new Sequential(2, [new Dense(8), new Dense(2), new Dense(2)]), new Sgd(0.1)),
            Throws.InstanceOf<CheckpointException>().With.Message.EqualTo(
                $"checkpoint {path}: it does not fit the model: the model's variable 'dense_2/kernel' (2,2) float32 is not in the file; the model's variable 'dense_2/bias' (2) float32 is not in the file"));
        Checkpoint.Save(path, new Sequential(2, [new Dense(8), new Dense(2), new Dense(2)]), new Sgd(0.1), Position);
        Assert.That(() => Checkpoint.Load(path, new Sequential(2, [new Dense(8), new Dense(2)]), new Sgd(0.1)),
            Throws.InstanceOf<CheckpointException>().With.Message.EqualTo(
                $"checkpoint {path}: it does not fit the model: the file's tensor 'dense_2/kernel' (2,2) float32 is not a variable of the model; the file's tensor 'dense_2/bias' (2) float32 is not a variable of the model"));
    }

    [Test]
    public void Load_OtherOptimizerSettings_NamesTheFileAndTheDifferenceAndLoadsNothing()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "run.ckpt");
        var model = Model();
        Checkpoint.Save(path, model, new Sgd(0.1, momentum: 0.9), Position);
        var target = Model(seed: 3);
        var optimizer = new Sgd(0.1, momentum: 0.5);
        float[] before = target.TrainableVariables[0].ToArray<float>();

        Assert.That(() => Checkpoint.Load(path, target, optimizer),
            Throws.InstanceOf<CheckpointException>().With.Message.EqualTo(
                $"checkpoint {path}: optimizer: the state is for a differently configured optimizer: Momentum is 0.9 in the state but 0.5 here"));
        Assert.That(target.TrainableVariables[0].ToArray<float>(), Is.EqualTo(before));
    }

    private static Sequential NormalizedModel(Normalization normalization, int seed) =>
        new(2, [normalization, new Dense(4, Activation.Relu), new Dense(1)], seed);

    [Test]
    public void SaveModelLoadModel_RestoresEveryVariableIncludingNormalizationsWithoutAnOptimizer()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.bin");
        var adapted = new Normalization();
        adapted.Adapt(TrainingData.Regression(30, seed: 1));
        var trained = NormalizedModel(adapted, seed: 1);
        trained.Fit(TrainingData.Regression(30, seed: 1), new MeanSquaredError(), new Sgd(0.05), epochs: 2, batchSize: 8, verbose: false);
        Checkpoint.SaveModel(path, trained);

        var fresh = NormalizedModel(new Normalization(), seed: 2);
        Checkpoint.LoadModel(path, fresh);

        Assert.That(fresh.Variables.Select(v => v.Name), Is.EqualTo(trained.Variables.Select(v => v.Name)));
        for (int i = 0; i < trained.Variables.Count; i++)
            Assert.That(fresh.Variables[i].ToArray<float>(), Is.EqualTo(trained.Variables[i].ToArray<float>()), trained.Variables[i].Name);
        Assert.That(((Normalization)fresh.Layers[0]).Variance.ToArray<float>(), Is.Not.EqualTo(new[] { 1f, 1f }), "the adapted variance, not the default");
    }

    [Test]
    public void LoadModel_IntoAModelOfAnotherShape_ThrowsNamingTheVariableAndBothShapes()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.bin");
        Checkpoint.SaveModel(path, Model(hidden: 8));

        Assert.That(() => Checkpoint.LoadModel(path, Model(hidden: 4)),
            Throws.InstanceOf<CheckpointException>().With.Message.Contains("tensor 'dense_0/kernel' is (2,8) float32 in the file but (2,4) float32 in the model"));
    }

    [Test]
    public void Load_OfASaveModelFile_ThrowsTellingToUseLoadModel()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.bin");
        Checkpoint.SaveModel(path, Model());

        Assert.That(() => Checkpoint.Load(path, Model(), new Sgd(0.1)),
            Throws.InstanceOf<CheckpointException>().With.Message.Contains("load it with Checkpoint.LoadModel"));
    }

    [Test]
    public void Save_TheFormatDocsExample_WritesTheBytesItShows()
    {
        var model = new Sequential(2, [new Dense(1)], seed: 0);
        model.TrainableVariables[0].Assign(new Tensor([0.5f, -0.25f], 2, 1));
        var sgd = new Sgd(0.1, momentum: 0.9);
        sgd.ApplyGradients([(new Tensor([1f, 2f], 2, 1), model.TrainableVariables[0]), (new Tensor([0.5f], 1), model.TrainableVariables[1])]);
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "example.ckpt");

        Checkpoint.Save(path, model, sgd, new TrainingPosition(1, 2, 42, 4, 1.5, 8, [new MetricState("accuracy", 6, 8)]));

        // The xxd dump in docs/checkpoint-format.md's "Example": offset, eight groups of hex, then a comment.
        string[] doc = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "checkpoint-format.md"));
        int start = Array.IndexOf(doc, "## Example");
        var hex = doc.Skip(start).SkipWhile(line => line != "```").Skip(1).TakeWhile(line => line != "```")
            .Select(line => string.Concat(line[10..Math.Min(line.Length, 49)].Where(char.IsAsciiHexDigit)));
        Assert.That(Convert.ToHexString(File.ReadAllBytes(path)).ToLowerInvariant(), Is.EqualTo(string.Concat(hex)));
    }

    // A version-1 file as docs/checkpoint-format.md's example describes it: Dense(1) on 2 inputs after one step of
    // Sgd(0.1, momentum 0.9); position (1 epoch, 2 batches, seed 42, batch size 4, loss sum 1.5, 8 samples, 6 correct).
    private static byte[] VersionOneFile()
    {
        var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            void String(string text) { writer.Write(Encoding.UTF8.GetByteCount(text)); writer.Write(Encoding.UTF8.GetBytes(text)); }
            writer.Write(1); writer.Write(2); writer.Write(42); writer.Write(4);
            writer.Write(1.5); writer.Write(8L); writer.Write(6L); // EpochCorrect, where version 2 has its metric list
            writer.Write(1L); writer.Write(0.1); writer.Write(double.NaN); writer.Write(double.NaN);
            (string, string)[] hyperParameters = [("Form", "PyTorch"), ("Momentum", "0.9"), ("Nesterov", "False"), ("Schedule", "none"), ("WeightDecay", "0"), ("type", "Sgd")];
            writer.Write(hyperParameters.Length);
            foreach (var (name, value) in hyperParameters) { String(name); String(value); }
            (string, string, int[])[] tensors = [("dense_0/kernel", "", [2, 1]), ("dense_0/bias", "", [1]), ("dense_0/kernel", "velocity", [2, 1]), ("dense_0/bias", "velocity", [1])];
            writer.Write(tensors.Length);
            foreach (var (variable, slot, shape) in tensors)
            {
                String(variable); String(slot); writer.Write((byte)0); writer.Write(shape.Length);
                foreach (int dimension in shape) writer.Write(dimension);
            }
            foreach (float value in new[] { 0.4f, -0.45f, -0.05f, 1f, 2f, 0.5f }) writer.Write(value);
            // No attachments section: version 1 had none.
        }
        var file = new MemoryStream();
        file.Write("MNCK"u8);
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 1);
        BinaryPrimitives.WriteInt64LittleEndian(header[4..], body.Length);
        file.Write(header);
        file.Write(body.ToArray());
        file.Write(SHA256.HashData(file.ToArray()));
        return file.ToArray();
    }

    [Test]
    public void Load_VersionOneFile_RestoresWeightsSlotsAndMapsEpochCorrectToAccuracy()
    {
        using var folder = new TempFolder();
        string path = folder.Write("v1.ckpt", VersionOneFile());
        var model = new Sequential(2, [new Dense(1)], seed: 5);
        var optimizer = new Sgd(0.1, momentum: 0.9);

        var position = Checkpoint.Load(path, model, optimizer);

        Assert.That(position, Is.EqualTo(new TrainingPosition(1, 2, 42, 4, 1.5, 8, [new MetricState("accuracy", 6, 8)])));
        Assert.That(optimizer.Iterations, Is.EqualTo(1));
        Assert.That(model.TrainableVariables[0].ToArray<float>(), Is.EqualTo(new[] { 0.4f, -0.45f }));
        // A step on zero gradients moves each weight by -0.1 × 0.9 × velocity (PyTorch form): the velocities were loaded.
        optimizer.ApplyGradients(model.TrainableVariables.Select(v => ((Tensor?)Tensor.ZerosLike(v), v)));
        Assert.That(model.TrainableVariables[0].ToArray<float>(), Is.EqualTo(new[] { 0.4f - 0.09f, -0.45f - 0.18f }).Within(1e-6));
        Assert.That(model.TrainableVariables[1].ToArray<float>(), Is.EqualTo(new[] { -0.05f - 0.045f }).Within(1e-6));
    }

    [Test]
    public void TrainingPosition_Equality_ComparesMetricStates()
    {
        var position = new TrainingPosition(1, 2, 3, 4, 5, 6, [new("mae", 7, 6)]);

        Assert.That(position, Is.EqualTo(new TrainingPosition(1, 2, 3, 4, 5, 6, [new("mae", 7, 6)])));
        Assert.That(position, Is.Not.EqualTo(new TrainingPosition(1, 2, 3, 4, 5, 6, [new("mae", 8, 6)])));
        Assert.That(position, Is.Not.EqualTo(new TrainingPosition(1, 2, 3, 4, 5, 6, [new("rmse", 7, 6)])));
        Assert.That(position, Is.Not.EqualTo(new TrainingPosition(1, 2, 3, 4, 5, 6)));
    }
}
