using MiniNet.Data;
using MiniNet.Models;
using MiniNet.Tensors;

namespace MiniNet.Training;

/// <summary>
/// Keras's <c>model.predict</c>: runs examples through a model in batches and returns every output, as a tensor that outlives
/// any <see cref="TensorScope"/>. Nothing is recorded: call it outside any GradientTape block.
/// </summary>
public static class SequentialPrediction
{
    /// <summary>The model's outputs (count, OutputSize) for <paramref name="inputs"/> (count, ...InputShape).</summary>
    /// <param name="model">The trained model.</param>
    /// <param name="inputs">Examples, one per row, in the model's dtype.</param>
    /// <param name="batchSize">Examples per forward pass; positive.</param>
    /// <exception cref="ArgumentException">The inputs do not fit the model, or batchSize is not positive.</exception>
    public static Tensor Predict(this Sequential model, Tensor inputs, int batchSize = 500)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"predict: batchSize must be positive, got {batchSize}");
        if (inputs.Rank != model.InputShape.Count + 1 || !inputs.Shape.Skip(1).SequenceEqual(model.InputShape))
            throw new ArgumentException($"predict: inputs {ShapeMath.Format([.. inputs.Shape])} do not match the model, which expects (count,{string.Join(",", model.InputShape)})", nameof(inputs));
        if (inputs.DType != model.DType)
            throw new ArgumentException($"predict: inputs are {Tensor.DTypeName(inputs.DType)} but the model's weights are {Tensor.DTypeName(model.DType)}", nameof(inputs));
        int count = inputs.Shape[0], width = model.InputSize, outputs = model.OutputSize;
        var result = Tensor.Zeros([count, outputs], model.DType);
        for (int start = 0; start < count; start += batchSize)
        {
            using var scope = new TensorScope();
            int size = Math.Min(batchSize, count - start);
            var batch = Tensor.Temporary([size, .. model.InputShape], inputs.DType, zeroed: false);
            var predictions = model.Call(CopyRows(inputs, start * width, batch));
            CopyRows(predictions, 0, result, start * outputs);
        }
        return result;
    }

    /// <summary>The model's outputs (count, OutputSize) for the features of <paramref name="data"/> (its targets are not read).</summary>
    /// <exception cref="ArgumentException">The features do not fit the model, or batchSize is not positive.</exception>
    public static Tensor Predict(this Sequential model, Dataset data, int batchSize = 500)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (!data.FeatureShape.SequenceEqual(model.InputShape))
            throw new ArgumentException($"predict: the data's features have shape {ShapeMath.Format([.. data.FeatureShape])} but the model takes inputs of shape {ShapeMath.Format([.. model.InputShape])}", nameof(data));
        var features = new Tensor(data.Features.ToArray(), [data.Count, .. data.FeatureShape]);
        return model.Predict(model.DType == DType.Float32 ? features : features.To(model.DType), batchSize);
    }

    /// <summary>The model's outputs (rows, OutputSize) for raw table rows (column name → text, as in the CSV file), encoded
    /// exactly as the training data was by <paramref name="encoding"/> (the one <c>Checkpoint.LoadModel</c>
    /// returns): <c>model.Predict(encoding, [new Dictionary&lt;string, string&gt; { ["Cylinders"] = "4", ... }])</c>.</summary>
    /// <exception cref="ArgumentException">A row lacks a column, holds a value the encoding cannot take (the message names the
    /// column), or the encoding's width differs from the model's input.</exception>
    public static Tensor Predict(this Sequential model, TabularEncoding encoding, IEnumerable<IReadOnlyDictionary<string, string>> rows, int batchSize = 500)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(encoding);
        ArgumentNullException.ThrowIfNull(rows);
        if (encoding.FeatureCount != model.InputSize)
            throw new ArgumentException($"predict: the encoding gives {encoding.FeatureCount} features but the model takes inputs of width {model.InputSize}", nameof(encoding));
        float[] features = [.. rows.SelectMany(encoding.Encode)];
        var inputs = new Tensor(features, features.Length / encoding.FeatureCount, encoding.FeatureCount);
        return model.Predict(model.DType == DType.Float32 ? inputs : inputs.To(model.DType), batchSize);
    }

    // Copies destination.Length elements of source, from sourceStart, into destination from destinationStart; returns destination.
    private static Tensor CopyRows(Tensor source, int sourceStart, Tensor destination, int destinationStart = 0)
    {
        int length = Math.Min(destination.Length - destinationStart, source.Length - sourceStart);
        if (source.DType == DType.Float32)
            source.AsSpan<float>().Slice(sourceStart, length).CopyTo(destination.AsSpan<float>()[destinationStart..]);
        else
            source.AsSpan<double>().Slice(sourceStart, length).CopyTo(destination.AsSpan<double>()[destinationStart..]);
        return destination;
    }
}
