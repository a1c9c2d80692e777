using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Training;

namespace MiniNet.Checkpoints;

/// <summary>Lays out a checkpoint's bytes, version <see cref="Checkpoint.FormatVersion"/> as docs/checkpoint-format.md
/// describes them: header, training position, optimizer, tensor directory, tensor data, attachments, SHA-256.</summary>
internal static class CheckpointWriter
{
    /// <summary>The whole file: every section in order, all little-endian, then the checksum of everything before it.</summary>
    public static byte[] Serialize(TrainingPosition position, IReadOnlyList<Variable> weights, OptimizerState optimizer,
        IReadOnlyDictionary<string, string> attachments)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Checkpoint.Magic);
            writer.Write((uint)Checkpoint.FormatVersion);
            writer.Write(0L); // the body's length, filled in below

            writer.Write(position.CompletedEpochs);
            writer.Write(position.CompletedBatches);
            writer.Write(position.Seed);
            writer.Write(position.BatchSize);
            writer.Write(position.EpochLossSum);
            writer.Write(position.EpochSamples);
            writer.Write(position.EpochMetrics.Count);
            foreach (var metric in position.EpochMetrics)
            {
                WriteString(writer, metric.Name);
                writer.Write(metric.Total);
                writer.Write(metric.Count);
            }

            writer.Write(optimizer.Iterations);
            writer.Write(optimizer.LearningRate);
            writer.Write(optimizer.ClipNorm ?? double.NaN);
            writer.Write(optimizer.ClipValue ?? double.NaN);
            writer.Write(optimizer.HyperParameters.Count);
            foreach (var (name, value) in optimizer.HyperParameters)
            {
                WriteString(writer, name);
                WriteString(writer, value);
            }

            List<(string Variable, string Slot, Tensor Value)> tensors =
                [.. weights.Select(w => (w.Name, "", (Tensor)w)), .. optimizer.Slots];
            writer.Write(tensors.Count);
            foreach (var (variable, slot, tensor) in tensors)
            {
                WriteString(writer, variable);
                WriteString(writer, slot);
                writer.Write(tensor.DType == DType.Float32 ? Checkpoint.Float32Code : Checkpoint.Float64Code);
                writer.Write(tensor.Rank);
                foreach (int dimension in tensor.Shape) writer.Write(dimension);
            }
            foreach (var (_, _, tensor) in tensors)
            {
                if (tensor.DType == DType.Float32)
                    foreach (float value in tensor.AsSpan<float>()) writer.Write(value);
                else
                    foreach (double value in tensor.AsSpan<double>()) writer.Write(value);
            }
            writer.Write(attachments.Count);
            foreach (var (name, text) in attachments.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                WriteString(writer, name);
                WriteString(writer, text);
            }
        }
        long bodyLength = stream.Length - Checkpoint.HeaderSize;
        BinaryPrimitives.WriteInt64LittleEndian(stream.GetBuffer().AsSpan(8, 8), bodyLength);
        stream.Write(SHA256.HashData(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
        return stream.ToArray();
    }

    // A string is its UTF-8 byte count (int32) followed by those bytes.
    private static void WriteString(BinaryWriter writer, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }
}
