using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MiniNet.Metrics;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Training;

namespace MiniNet.Checkpoints;

/// <summary>
/// Reads a checkpoint file and checks it from the outside in: magic, format version, length, checksum, then every count and
/// size inside. Any problem is a <see cref="CheckpointException"/> naming the file; nothing is applied to a model here.
/// </summary>
internal sealed class CheckpointReader
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private const int MaxRank = 32;
    private readonly string _path;
    private readonly BinaryReader _reader;
    private readonly long _end;

    private readonly uint _version;

    private CheckpointReader(string path, byte[] bytes, long bodyLength)
    {
        _version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        _path = path;
        _reader = new BinaryReader(new MemoryStream(bytes, Checkpoint.HeaderSize, (int)bodyLength, writable: false));
        _end = bodyLength;
    }

    /// <summary>Reads and checks the whole file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="CheckpointException">The file is not a readable checkpoint.</exception>
    public static CheckpointContents Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException and not FileNotFoundException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"cannot read it: {error.Message}", error);
        }
        long bodyLength = CheckFrame(path, bytes);
        var reader = new CheckpointReader(path, bytes, bodyLength);
        try
        {
            return reader.ReadBody();
        }
        catch (EndOfStreamException error)
        {
            throw reader.Corrupt("its contents run past the length its header gives", error);
        }
    }

    // Magic, version, length and checksum; returns the body's length.
    private static long CheckFrame(string path, byte[] bytes)
    {
        var magic = Checkpoint.Magic;
        int compared = Math.Min(bytes.Length, magic.Length);
        if (!bytes.AsSpan(0, compared).SequenceEqual(magic[..compared]))
            throw new CheckpointException(path, $"not a MiniNet checkpoint: it starts with bytes {Convert.ToHexString(bytes, 0, compared)}, a checkpoint with 4D4E434B (\"MNCK\")");
        if (bytes.Length < Checkpoint.HeaderSize + Checkpoint.ChecksumSize)
            throw new CheckpointException(path, $"truncated: {bytes.Length} bytes, shorter than the {Checkpoint.HeaderSize}-byte header and {Checkpoint.ChecksumSize}-byte checksum every checkpoint has");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        if (version > Checkpoint.FormatVersion)
            throw new CheckpointException(path, $"format version {version} is newer than this MiniNet reads (up to {Checkpoint.FormatVersion}); load it with a newer MiniNet");
        if (version == 0)
            throw new CheckpointException(path, "format version 0 does not exist; the header is corrupt");
        long bodyLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8));
        long expected = bodyLength + Checkpoint.HeaderSize + Checkpoint.ChecksumSize;
        if (bodyLength < 0 || expected > bytes.Length)
            throw new CheckpointException(path, $"truncated: its header gives a length of {expected} bytes, the file has {bytes.Length}");
        if (expected < bytes.Length)
            throw new CheckpointException(path, $"{bytes.Length - expected} unexpected bytes after the checksum (its header gives a length of {expected} bytes)");
        var stored = bytes.AsSpan((int)(expected - Checkpoint.ChecksumSize));
        var computed = SHA256.HashData(bytes.AsSpan(0, (int)(expected - Checkpoint.ChecksumSize)));
        if (!stored.SequenceEqual(computed))
            throw new CheckpointException(path, $"checksum mismatch: the file records SHA-256 {Convert.ToHexString(stored)[..16]}…, its contents hash to {Convert.ToHexString(computed)[..16]}…; the file is corrupt");
        return bodyLength;
    }

    private CheckpointContents ReadBody()
    {
        var position = ReadPosition();
        try
        {
            position.Validate("position");
        }
        catch (ArgumentException error)
        {
            throw Corrupt(error.Message, error);
        }

        long iterations = _reader.ReadInt64();
        double learningRate = _reader.ReadDouble();
        double clipNorm = _reader.ReadDouble(), clipValue = _reader.ReadDouble();
        int count = ReadCount("hyper-parameters");
        var hyperParameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string name = ReadString();
            if (!hyperParameters.TryAdd(name, ReadString())) throw Corrupt($"hyper-parameter '{name}' appears twice");
        }

        count = ReadCount("tensors");
        var directory = new List<(string Variable, string Slot, DType DType, int[] Shape)>(count);
        for (int i = 0; i < count; i++)
        {
            string variable = ReadString(), slot = ReadString();
            byte code = _reader.ReadByte();
            DType dtype = code switch
            {
                Checkpoint.Float32Code => DType.Float32,
                Checkpoint.Float64Code => DType.Float64,
                _ => throw Corrupt($"tensor '{Describe(variable, slot)}' has dtype code {code}; known: {Checkpoint.Float32Code} (float32), {Checkpoint.Float64Code} (float64)"),
            };
            int rank = ReadInt32();
            if (rank is < 0 or > MaxRank) throw Corrupt($"tensor '{Describe(variable, slot)}' has rank {rank}; at most {MaxRank} is allowed");
            var shape = new int[rank];
            for (int d = 0; d < rank; d++) shape[d] = ReadInt32();
            if (directory.Any(entry => entry.Variable == variable && entry.Slot == slot))
                throw Corrupt($"tensor '{Describe(variable, slot)}' appears twice");
            directory.Add((variable, slot, dtype, shape));
        }

        var weights = new List<(string, Tensor)>();
        var slots = new List<(string, string, Tensor)>();
        foreach (var (variable, slot, dtype, shape) in directory)
        {
            var tensor = ReadTensor(Describe(variable, slot), dtype, shape);
            if (slot.Length == 0) weights.Add((variable, tensor));
            else slots.Add((variable, slot, tensor));
        }
        var attachments = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (_version >= 2)
        {
            count = ReadCount("attachments");
            for (int i = 0; i < count; i++)
            {
                string name = ReadString();
                if (!attachments.TryAdd(name, ReadString())) throw Corrupt($"attachment '{name}' appears twice");
            }
        }
        if (_reader.BaseStream.Position != _end)
            throw Corrupt($"{_end - _reader.BaseStream.Position} bytes follow the last section");
        var optimizer = new OptimizerState(hyperParameters, iterations, learningRate,
            double.IsNaN(clipNorm) ? null : clipNorm, double.IsNaN(clipValue) ? null : clipValue, slots);
        return new CheckpointContents(position, weights, optimizer, attachments);
    }

    // Version 1 kept one metric, the count of correct classifications; version 2 keeps every metric by name.
    private TrainingPosition ReadPosition()
    {
        int completedEpochs = ReadInt32(), completedBatches = ReadInt32(), seed = ReadInt32(), batchSize = ReadInt32();
        double lossSum = _reader.ReadDouble();
        long samples = _reader.ReadInt64();
        var metrics = new List<MetricState>();
        if (_version == 1)
        {
            long correct = _reader.ReadInt64();
            if (samples > 0) metrics.Add(new MetricState("accuracy", correct, samples));
        }
        else
        {
            int count = ReadCount("metrics");
            for (int i = 0; i < count; i++) metrics.Add(new MetricState(ReadString(), _reader.ReadDouble(), _reader.ReadInt64()));
        }
        return new TrainingPosition(completedEpochs, completedBatches, seed, batchSize, lossSum, samples, metrics);
    }

    private Tensor ReadTensor(string name, DType dtype, int[] shape)
    {
        int count;
        try
        {
            count = ShapeMath.ElementCount(shape);
        }
        catch (ArgumentException error)
        {
            throw Corrupt($"tensor '{name}' has an impossible shape {ShapeMath.Format(shape)}", error);
        }
        int size = dtype == DType.Float32 ? sizeof(float) : sizeof(double);
        if ((long)count * size > Remaining)
            throw Corrupt($"tensor '{name}' {ShapeMath.Format(shape)} needs {(long)count * size} bytes of data, {Remaining} remain");
        var tensor = Tensor.Zeros(shape, dtype);
        if (dtype == DType.Float32)
        {
            var values = tensor.AsSpan<float>();
            for (int i = 0; i < values.Length; i++) values[i] = _reader.ReadSingle();
        }
        else
        {
            var values = tensor.AsSpan<double>();
            for (int i = 0; i < values.Length; i++) values[i] = _reader.ReadDouble();
        }
        return tensor;
    }

    private long Remaining => _end - _reader.BaseStream.Position;

    private int ReadInt32() => _reader.ReadInt32();

    // A count of entries, each at least 4 bytes long: anything larger than what remains is corruption, not a reason to allocate.
    private int ReadCount(string what)
    {
        int count = ReadInt32();
        if (count < 0 || count > Remaining / 4) throw Corrupt($"the count of {what} is {count}, impossible with {Remaining} bytes left");
        return count;
    }

    private string ReadString()
    {
        int length = ReadInt32();
        if (length < 0 || length > Remaining) throw Corrupt($"a string's length is {length}, impossible with {Remaining} bytes left");
        try
        {
            return StrictUtf8.GetString(_reader.ReadBytes(length));
        }
        catch (DecoderFallbackException error)
        {
            throw Corrupt("a name is not valid UTF-8", error);
        }
    }

    private static string Describe(string variable, string slot) => slot.Length == 0 ? variable : $"{variable}:{slot}";

    private CheckpointException Corrupt(string problem, Exception? error = null) =>
        new(_path, $"corrupt (its checksum is right, so it was written wrongly, not damaged): {problem}", error);
}
