using System.Text.Json;
using System.Text.Json.Serialization;
using MiniNet.Layers;
using MiniNet.Tensors;

namespace MiniNet.Models;

/// <summary>
/// A <see cref="Sequential"/> model's architecture without its weights: the shape of one input example, the weights' dtype
/// and each layer's <see cref="LayerConfig"/>, as Keras's <c>model.to_json()</c>. <c>Checkpoint.SaveModel</c> stores it
/// beside the weights, so <see cref="Sequential.Load"/> rebuilds the model without its code, and loading into a model
/// built differently is an error naming the first difference.
/// </summary>
/// <param name="InputShape">The shape of one input example, e.g. (784) or (28, 28, 1).</param>
/// <param name="DType">The weights' element type.</param>
/// <param name="Layers">Each layer's kind and settings, first to last.</param>
public sealed record ModelArchitecture(IReadOnlyList<int> InputShape, DType DType, IReadOnlyList<LayerConfig> Layers)
{
    /// <summary>The architecture of <paramref name="model"/>.</summary>
    public static ModelArchitecture Of(Sequential model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ModelArchitecture([.. model.InputShape], model.DType, [.. model.Layers.Select(LayerConfig.Of)]);
    }

    /// <summary>A new model of this architecture, its weights freshly initialised (load saved ones over them).</summary>
    /// <exception cref="ArgumentException">A layer's kind is not one MiniNet ships, or a setting is not valid.</exception>
    public Sequential Build() => new([.. InputShape], Layers.Select(layer => layer.Create()), dtype: DType);

    /// <summary>The first way <paramref name="other"/> differs from this architecture, e.g. "layer 1 (dense_1): activation
    /// relu, not tanh" (this architecture's value first), or null if they are the same.</summary>
    public string? Difference(ModelArchitecture other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!InputShape.SequenceEqual(other.InputShape))
            return $"input shape {ShapeMath.Format([.. InputShape])}, not {ShapeMath.Format([.. other.InputShape])}";
        if (DType != other.DType) return $"weights {Tensor.DTypeName(DType)}, not {Tensor.DTypeName(other.DType)}";
        for (int i = 0; i < Math.Min(Layers.Count, other.Layers.Count); i++)
            if (Layers[i].Difference(other.Layers[i]) is string difference)
                return $"layer {i} ({other.Layers[i].Kind}_{i}): {difference}";
        return Layers.Count == other.Layers.Count ? null
            : $"{Layers.Count} layers ({string.Join(", ", Layers.Select(layer => layer.Kind))}), not {other.Layers.Count} ({string.Join(", ", other.Layers.Select(layer => layer.Kind))})";
    }

    /// <summary>The architecture as JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ModelArchitectureJson.Default.ModelArchitecture);

    /// <summary>Reads an architecture written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not such an architecture.</exception>
    public static ModelArchitecture FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var architecture = JsonSerializer.Deserialize(json, ModelArchitectureJson.Default.ModelArchitecture);
        if (architecture?.InputShape is null || architecture.Layers is null || architecture.Layers.Any(layer => layer?.Kind is null || layer.Settings is null))
            throw new JsonException("model architecture: \"inputShape\", \"layers\" and each layer's \"kind\" and \"settings\" are required");
        return architecture;
    }
}

/// <summary>The JSON form of a <see cref="ModelArchitecture"/>, generated at compile time so that it works in a program
/// compiled ahead of time, where reflection-based System.Text.Json is off.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ModelArchitecture))]
internal sealed partial class ModelArchitectureJson : JsonSerializerContext;
