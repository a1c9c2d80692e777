using System.Text.Json;
using MiniNet.Data;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Text;
using MiniNet.Training;

namespace MiniNet.Checkpoints;

/// <summary>
/// Saves a training run to one file and restores it: the model's weights, the optimizer's full state (step count, fixed
/// learning rate, clipping, every slot such as momentum velocities, and its hyper-parameters for checking) and the
/// <see cref="TrainingPosition"/>. The binary format, with a header, a tensor directory and a SHA-256 checksum, is described
/// byte by byte in docs/checkpoint-format.md.
/// <code>
/// Checkpoint.Save("run.ckpt", model, optimizer, new TrainingPosition(CompletedEpochs: 2, CompletedBatches: 0, Seed: 42, BatchSize: 64));
/// // later, in a new process, with the model and optimizer built as before:
/// var position = Checkpoint.Load("run.ckpt", model, optimizer);
/// model.Fit(train, loss, optimizer, epochs: 3, batchSize: 64, seed: 42, resumeFrom: position);   // trains the third epoch
/// </code>
/// </summary>
public static class Checkpoint
{
    /// <summary>The format version this code writes, and the newest it reads.</summary>
    public const int FormatVersion = 2;

    /// <summary>Test hook: called with the temporary file's path once it is written and flushed, before it is renamed over the
    /// checkpoint, so a test can stop a save between its two steps as a kill would. Null outside tests.</summary>
    internal static Action<string>? BeforeRename;

    internal const int HeaderSize = 16;
    internal const int ChecksumSize = 32;
    internal const byte Float32Code = 0;
    internal const byte Float64Code = 1;

    // The optimizer type recorded in a file written by SaveModel, which holds no optimizer state.
    private const string NoOptimizer = "none";
    private static readonly IReadOnlyDictionary<string, string> NoAttachments = new Dictionary<string, string>();
    private const string EncodingAttachment = "data_encoding";
    private const string ArchitectureAttachment = "architecture";
    private const string VocabularyAttachment = "vocabulary";

    /// <summary>The four bytes every checkpoint starts with: "MNCK".</summary>
    internal static ReadOnlySpan<byte> Magic => "MNCK"u8;

    /// <summary>
    /// Writes the checkpoint atomically: to <c>path + ".tmp"</c> in the same folder, flushed to disk, then renamed over
    /// <paramref name="path"/>. A crash at any moment leaves either the previous file or the new one, never a mix.
    /// </summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="model">The model whose variables, trainable and not, are saved by name.</param>
    /// <param name="optimizer">The optimizer whose state is saved (<see cref="Optimizer.ExportState"/>).</param>
    /// <param name="position">Where the run stands.</param>
    /// <exception cref="ArgumentException">An argument is null or empty, or the position is out of range.</exception>
    /// <exception cref="CheckpointException">The file cannot be written (the message names it and the reason).</exception>
    public static void Save(string path, Sequential model, Optimizer optimizer, TrainingPosition position)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(position);
        position.Validate(nameof(position));
        WriteAtomically(path, CheckpointWriter.Serialize(position, model.Variables, optimizer.ExportState(), NoAttachments));
    }

    /// <summary>
    /// Restores a checkpoint into <paramref name="model"/> and <paramref name="optimizer"/>, built as they were when it was saved,
    /// and returns where the run stood. The whole file is read and checked first (magic, format version, length, checksum,
    /// every tensor's name, dtype and shape against the model, the optimizer's type and hyper-parameters); only when all is
    /// well are the weights and the optimizer state replaced, so a failed load changes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">An argument is null or empty.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="CheckpointException">The file is damaged, of a newer format, or does not fit the model or optimizer;
    /// the message names the file and what differs.</exception>
    public static TrainingPosition Load(string path, Sequential model, Optimizer optimizer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        var contents = CheckpointReader.Read(path);
        var saved = RequireFit(path, contents, model);
        if (contents.Optimizer.HyperParameters.GetValueOrDefault("type") == NoOptimizer)
            throw new CheckpointException(path, "it holds a model saved for inference (Checkpoint.SaveModel), without optimizer state; load it with Checkpoint.LoadModel, or resume from a checkpoint written by Checkpoint.Save");
        try
        {
            optimizer.ImportState(contents.Optimizer, model.TrainableVariables);
        }
        catch (ArgumentException error)
        {
            // The message without ArgumentException's " (Parameter 'state')": here the file, not a parameter, is at fault.
            throw new CheckpointException(path, error.Message.Replace($" (Parameter '{error.ParamName}')", ""), error);
        }
        foreach (var variable in model.Variables) variable.Assign(saved[variable.Name]);
        return contents.Position;
    }

    /// <summary>
    /// Saves a trained model for inference, as PyTorch's <c>torch.save(model.state_dict())</c>: every variable, trainable or
    /// not (a <see cref="Layers.Normalization"/> layer's statistics too), the data encoding that turns raw rows into its
    /// inputs, if given, and no optimizer state; written atomically like <see cref="Save"/>. Load it into a model built the
    /// same way with <see cref="LoadModel(string, Sequential)"/>, or rebuild it from the file with <see cref="LoadModel(string)"/>:
    /// the file also records the model's architecture (<see cref="ModelArchitecture"/>: the input shape and each layer's kind
    /// and settings), as Keras's <c>model.save</c> does. No optimizer is needed.
    /// </summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="model">The trained model.</param>
    /// <param name="encoding">How raw table rows became the model's inputs (<see cref="TabularCsv"/>), so predictions on new
    /// rows use exactly the same columns, vocabularies and fill values; null for none.</param>
    /// <param name="vocabulary">The characters of a character model's token ids, so a prompt is encoded as in training; null
    /// for none.</param>
    /// <exception cref="ArgumentException">An argument is null or empty, or the encoding or vocabulary does not fit the model.</exception>
    /// <exception cref="CheckpointException">The file cannot be written.</exception>
    public static void SaveModel(string path, Sequential model, TabularEncoding? encoding = null, CharacterVocabulary? vocabulary = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(model);
        if (encoding != null && encoding.FeatureCount != model.InputSize)
            throw new ArgumentException($"checkpoint: the encoding gives {encoding.FeatureCount} features but the model takes inputs of width {model.InputSize}", nameof(encoding));
        var noOptimizer = new OptimizerState(new Dictionary<string, string> { ["type"] = NoOptimizer }, 0, 0, null, null, []);
        var attachments = new Dictionary<string, string> { [ArchitectureAttachment] = ModelArchitecture.Of(model).ToJson() };
        if (encoding != null) attachments[EncodingAttachment] = encoding.ToJson();
        vocabulary?.RequireFits(model);
        if (vocabulary != null) attachments[VocabularyAttachment] = vocabulary.ToJson();
        WriteAtomically(path, CheckpointWriter.Serialize(new TrainingPosition(0, 0, 0, 1), model.Variables, noOptimizer, attachments));
    }

    /// <summary>
    /// Restores every variable of <paramref name="model"/> from a file written by <see cref="SaveModel"/> (or by
    /// <see cref="Save"/>, whose optimizer state is then ignored) and returns the data encoding saved with it, or null.
    /// Checked whole before anything changes; a file that records its architecture must match the model's layer by layer.
    /// <code>
    /// var model = new Sequential(encoding.FeatureCount, [...same layers...]);
    /// var encoding = Checkpoint.LoadModel("mpg.model", model)!;
    /// var mpg = model.Predict(new Tensor(encoding.Encode(row), 1, encoding.FeatureCount));
    /// </code>
    /// </summary>
    /// <exception cref="ArgumentException">An argument is null or empty.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="CheckpointException">The file is damaged or does not fit the model: the message names the first layer
    /// setting that differs (a Tanh where the file has a ReLU), or each variable that differs, with both shapes.</exception>
    public static TabularEncoding? LoadModel(string path, Sequential model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(model);
        var contents = CheckpointReader.Read(path);
        var saved = RequireFit(path, contents, model);
        var encoding = ReadEncoding(path, contents);
        foreach (var variable in model.Variables) variable.Assign(saved[variable.Name]);
        return encoding;
    }

    /// <summary>
    /// Rebuilds the model saved by <see cref="SaveModel"/> from the architecture stored in the file (each layer's kind and
    /// settings), loads its weights, and returns it with the data encoding and vocabulary saved beside it, or null: Keras's
    /// <c>load_model</c>. No code that built the model is needed.
    /// <code>
    /// var (model, encoding) = Checkpoint.LoadModel("mpg.model");
    /// </code>
    /// </summary>
    /// <exception cref="ArgumentException">The path is null or empty.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="CheckpointException">The file is damaged, holds no architecture (a training checkpoint written by
    /// <see cref="Save"/>), or one with a layer of your own, which only your code can build.</exception>
    public static SavedModel LoadModel(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var contents = CheckpointReader.Read(path);
        Sequential model;
        try
        {
            model = (ReadArchitecture(path, contents) ?? throw new CheckpointException(path,
                "it holds no model architecture (a training checkpoint written by Checkpoint.Save); build the model in code and call Checkpoint.Load or LoadModel(path, model)")).Build();
        }
        catch (ArgumentException error)
        {
            throw new CheckpointException(path, $"its model cannot be rebuilt: {error.Message}", error);
        }
        var saved = RequireFit(path, contents, model);
        var encoding = ReadEncoding(path, contents);
        var vocabulary = ReadAttachment(path, contents, VocabularyAttachment, "vocabulary", CharacterVocabulary.FromJson);
        try
        {
            vocabulary?.RequireFits(model);
        }
        catch (ArgumentException error)
        {
            throw new CheckpointException(path, error.Message, error);
        }
        foreach (var variable in model.Variables) variable.Assign(saved[variable.Name]);
        return new SavedModel(model, encoding) { Vocabulary = vocabulary };
    }

    private static TabularEncoding? ReadEncoding(string path, CheckpointContents contents) =>
        ReadAttachment(path, contents, EncodingAttachment, "data encoding", TabularEncoding.FromJson);

    private static ModelArchitecture? ReadArchitecture(string path, CheckpointContents contents) =>
        ReadAttachment(path, contents, ArchitectureAttachment, "model architecture", ModelArchitecture.FromJson);

    // An attachment saved as JSON beside the weights: null when the file has none, a CheckpointException when it is damaged.
    private static T? ReadAttachment<T>(string path, CheckpointContents contents, string name, string what, Func<string, T> fromJson)
        where T : class
    {
        if (!contents.Attachments.TryGetValue(name, out string? json)) return null;
        try
        {
            return fromJson(json);
        }
        catch (JsonException error)
        {
            throw new CheckpointException(path, $"its {what} cannot be read: {error.Message}", error);
        }
    }

    // The file's variables by name, after checking that they are exactly the model's, with the same shapes and dtypes, and
    // that a file recording its architecture records the model's (a Tanh where it had a ReLU has the same shapes).
    private static Dictionary<string, Tensor> RequireFit(string path, CheckpointContents contents, Sequential model)
    {
        var saved = contents.Weights.ToDictionary(w => w.Name, w => w.Value);
        var problems = new List<string>();
        foreach (var variable in model.Variables)
        {
            if (!saved.TryGetValue(variable.Name, out var tensor))
                problems.Add($"the model's variable '{variable.Name}' {Describe(variable)} is not in the file");
            else if (!tensor.ShapeArray.AsSpan().SequenceEqual(variable.ShapeArray) || tensor.DType != variable.DType)
                problems.Add($"tensor '{variable.Name}' is {Describe(tensor)} in the file but {Describe(variable)} in the model");
        }
        var modelNames = model.Variables.Select(v => v.Name).ToHashSet();
        foreach (var (name, tensor) in contents.Weights)
            if (!modelNames.Contains(name)) problems.Add($"the file's tensor '{name}' {Describe(tensor)} is not a variable of the model");
        if (problems.Count > 0)
            throw new CheckpointException(path, $"it does not fit the model: {string.Join("; ", problems)}");
        if (ReadArchitecture(path, contents)?.Difference(ModelArchitecture.Of(model)) is string difference)
            throw new CheckpointException(path, $"it was saved from a model built differently; the first difference, the file's then the model's: {difference}");
        return saved;
    }

    // To path + ".tmp" in the same folder, flushed to disk, then renamed over path: a crash leaves the old file or the new one.
    private static void WriteAtomically(string path, byte[] contents)
    {
        string temporary = path + ".tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(contents);
                file.Flush(flushToDisk: true);
            }
            BeforeRename?.Invoke(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new CheckpointException(path, $"cannot write it: {error.Message}", error);
        }
    }

    private static string Describe(Tensor tensor) => $"{ShapeMath.Format(tensor.ShapeArray)} {Tensor.DTypeName(tensor.DType)}";

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The write already failed; that error is the one to report, and a stale temporary file is overwritten next time.
        }
    }
}
