using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MiniNet.Ops;

namespace MiniNet.Layers;

/// <summary>
/// What a layer is, without its weights: its kind ("dense", "conv2d", ...) and the settings its constructor took, as text
/// (Keras's <c>layer.get_config()</c>). Saved with a model by <c>Checkpoint.SaveModel</c>, it lets
/// <c>Sequential.Load</c> rebuild the layer, and a load into a model built differently say which setting differs.
/// Initialisers are not recorded: the saved weights replace whatever they drew.
/// </summary>
/// <param name="Kind">The layer's type in lower case, e.g. "dense"; a layer type of your own is recorded by its type name.</param>
/// <param name="Settings">Each constructor setting by its parameter name, e.g. units = "64", activation = "relu".</param>
public sealed record LayerConfig(string Kind, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>The configuration of <paramref name="layer"/>: every setting that changes what it computes.</summary>
    public static LayerConfig Of(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        string kind = layer.GetType().Name.ToLowerInvariant();
        return new LayerConfig(kind, layer switch
        {
            Dense dense => SettingsOf(("units", Text(dense.Units)), ("activation", dense.Activation.Name), ("useBias", Text(dense.UseBias))),
            Conv2D conv => SettingsOf(("filters", Text(conv.Filters)), ("kernelSize", Text(conv.KernelSize)), ("activation", conv.Activation.Name),
                ("strides", Text(conv.Strides)), ("padding", conv.Padding.ToString()), ("useBias", Text(conv.UseBias))),
            Pooling2D pooling => SettingsOf(("poolSize", Text(pooling.PoolSize)), ("strides", Text(pooling.Strides)), ("padding", pooling.Padding.ToString())),
            Dropout dropout => SettingsOf(("rate", Text(dropout.Rate))),
            BatchNormalization batchNorm => SettingsOf(("momentum", Text(batchNorm.Momentum)), ("epsilon", Text(batchNorm.Epsilon))),
            LayerNormalization layerNorm => SettingsOf(("epsilon", Text(layerNorm.Epsilon))),
            MultiHeadAttention attention => SettingsOf(("heads", Text(attention.Heads)), ("causal", Text(attention.Causal)), ("dropout", Text(attention.DropoutRate))),
            Residual residual => SettingsOf(("layers", JsonSerializer.Serialize([.. residual.Layers.Select(Of)], LayerConfigJson.Default.LayerConfigArray))),
            Embedding embedding => SettingsOf(("vocabularySize", Text(embedding.VocabularySize)), ("width", Text(embedding.Width))),
            PositionEmbedding positions => SettingsOf(("sequenceLength", Text(positions.SequenceLength))),
            SimpleRNN rnn => SettingsOf(("units", Text(rnn.Units)), ("activation", rnn.Activation.Name), ("returnSequences", Text(rnn.ReturnSequences))),
            Recurrent recurrent => SettingsOf(("units", Text(recurrent.Units)), ("returnSequences", Text(recurrent.ReturnSequences))),
            _ => SettingsOf(),
        });
    }

    /// <summary>A new, unbuilt layer of this kind and settings.</summary>
    /// <exception cref="ArgumentException">The kind is not one MiniNet ships (a layer of your own: build the model in code
    /// and load its weights with <c>Checkpoint.LoadModel(path, model)</c>), or a setting is missing or not valid.</exception>
    public Layer Create() => Kind switch
    {
        "dense" => new Dense(Integer("units"), Activation.FromName(Setting("activation")), useBias: Boolean("useBias")),
        "conv2d" => new Conv2D(Integer("filters"), Integer("kernelSize"), Activation.FromName(Setting("activation")), Integer("strides"),
            PaddingSetting(), useBias: Boolean("useBias")),
        "maxpooling2d" => new MaxPooling2D(Integer("poolSize"), Integer("strides"), PaddingSetting()),
        "averagepooling2d" => new AveragePooling2D(Integer("poolSize"), Integer("strides"), PaddingSetting()),
        "flatten" => new Flatten(),
        "dropout" => new Dropout(Number("rate")),
        "batchnormalization" => new BatchNormalization(Number("momentum"), Number("epsilon")),
        "normalization" => new Normalization(),
        "layernormalization" => new LayerNormalization(Number("epsilon")),
        "multiheadattention" => new MultiHeadAttention(Integer("heads"), Boolean("causal"), Number("dropout")),
        "residual" => new Residual([.. InnerLayers().Select(inner => inner.Create())]),
        "embedding" => new Embedding(Integer("vocabularySize"), Integer("width")),
        "positionembedding" => new PositionEmbedding(Integer("sequenceLength")),
        "simplernn" => new SimpleRNN(Integer("units"), Activation.FromName(Setting("activation")), Boolean("returnSequences")),
        "gru" => new GRU(Integer("units"), Boolean("returnSequences")),
        "lstm" => new LSTM(Integer("units"), Boolean("returnSequences")),
        _ => throw new ArgumentException($"layer config: '{Kind}' is not a layer kind MiniNet can rebuild (a layer of your own?); build the model in code and load its weights with Checkpoint.LoadModel(path, model)"),
    };

    /// <summary>The first way <paramref name="other"/> differs from this configuration, e.g. "activation relu, not tanh"
    /// (this layer's value first), or null if it does not.</summary>
    public string? Difference(LayerConfig other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Kind != Kind) return $"a {Kind} layer, not {other.Kind}";
        foreach (string name in Settings.Keys.Union(other.Settings.Keys))
        {
            string? value = Settings.GetValueOrDefault(name), otherValue = other.Settings.GetValueOrDefault(name);
            if (value != otherValue) return $"{name} {value ?? "not set"}, not {otherValue ?? "not set"}";
        }
        return null;
    }

    /// <summary>The kind and its settings, e.g. "dense(units=64, activation=relu, useBias=true)".</summary>
    public override string ToString() => $"{Kind}({string.Join(", ", Settings.Select(pair => $"{pair.Key}={pair.Value}"))})";

    private static Dictionary<string, string> SettingsOf(params (string Name, string Value)[] settings) =>
        settings.ToDictionary(setting => setting.Name, setting => setting.Value);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(bool value) => value ? "true" : "false";

    private string Setting(string name) => Settings.TryGetValue(name, out string? value) ? value
        : throw new ArgumentException($"layer config: the {Kind} layer has no setting '{name}'");

    private int Integer(string name) => int.TryParse(Setting(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value
        : throw new ArgumentException($"layer config: the {Kind} layer's {name} '{Setting(name)}' is not an integer");

    private double Number(string name) => double.TryParse(Setting(name), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value
        : throw new ArgumentException($"layer config: the {Kind} layer's {name} '{Setting(name)}' is not a number");

    private bool Boolean(string name) => Setting(name) switch
    {
        "true" => true,
        "false" => false,
        var text => throw new ArgumentException($"layer config: the {Kind} layer's {name} '{text}' is not true or false"),
    };

    private LayerConfig[] InnerLayers()
    {
        try
        {
            return JsonSerializer.Deserialize(Setting("layers"), LayerConfigJson.Default.LayerConfigArray) is { } layers
                && layers.All(layer => layer?.Kind is not null && layer.Settings is not null) ? layers : throw new JsonException();
        }
        catch (JsonException)
        {
            throw new ArgumentException($"layer config: the {Kind} layer's layers '{Setting("layers")}' are not a list of layer configs");
        }
    }

    private Padding PaddingSetting() => Enum.TryParse(Setting("padding"), out Padding padding) && Enum.IsDefined(padding) ? padding
        : throw new ArgumentException($"layer config: the {Kind} layer's padding '{Setting("padding")}' is not Valid or Same");
}

/// <summary>The JSON form of a list of <see cref="LayerConfig"/> (a residual block's layers, one setting of the block),
/// generated at compile time so that it works in a program compiled ahead of time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LayerConfig[]))]
internal sealed partial class LayerConfigJson : JsonSerializerContext;
