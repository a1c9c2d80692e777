using MathNet.Numerics.Random;
using MiniNet.Layers;
using MiniNet.Tensors;

namespace MiniNet.Models;

/// <summary>
/// A stack of layers applied in order. The model builds every layer at construction from one seeded generator, so
/// <see cref="TrainableVariables"/> is ready at once and the same seed always gives the same initial weights.
/// </summary>
public sealed class Sequential
{
    private readonly Layer[] _layers;
    private readonly Variable[] _variables;
    private readonly Variable[] _trainableVariables;

    /// <summary>Builds a model for inputs of width <paramref name="inputSize"/>.</summary>
    /// <param name="inputSize">Features per example; inputs are (batch, inputSize).</param>
    /// <param name="layers">The layers, first to last. Each is named "{type}_{index}", e.g. "dense_0".</param>
    /// <param name="seed">Seeds the weight initialisers (a Xoshiro256** generator from MathNet.Numerics).</param>
    /// <param name="dtype">The weights' element type; inputs must have the same.</param>
    public Sequential(int inputSize, IEnumerable<Layer> layers, int seed = 0, DType dtype = DType.Float32)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"sequential: inputSize must be positive, got {inputSize}");
        ArgumentNullException.ThrowIfNull(layers);
        _layers = layers.ToArray();
        if (_layers.Length == 0) throw new ArgumentException("sequential: a model needs at least one layer", nameof(layers));
        int missing = Array.IndexOf(_layers, null);
        if (missing >= 0) throw new ArgumentException($"sequential: layer {missing} is null", nameof(layers));
        InputSize = inputSize;
        DType = dtype;
        var random = new Xoshiro256StarStar(seed);
        int width = inputSize;
        for (int i = 0; i < _layers.Length; i++)
        {
            _layers[i].Name = $"{_layers[i].GetType().Name.ToLowerInvariant()}_{i}";
            _layers[i].Build(width, random, dtype);
            width = _layers[i].OutputSize;
        }
        _variables = [.. _layers.SelectMany(l => l.Variables)];
        _trainableVariables = [.. _variables.Where(variable => variable.Trainable)];
    }

    /// <summary>Features per input example.</summary>
    public int InputSize { get; }

    /// <summary>The weights' element type.</summary>
    public DType DType { get; }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Outputs per example: the last layer's width.</summary>
    public int OutputSize => _layers[^1].OutputSize;

    /// <summary>Every layer's trainable weights, layer by layer in creation order (e.g. dense_0/kernel, dense_0/bias,
    /// dense_1/kernel, ...): what a tape differentiates and an optimizer updates.</summary>
    public IReadOnlyList<Variable> TrainableVariables => _trainableVariables;

    /// <summary>Every variable, trainable or not (such as a <see cref="Normalization"/> layer's mean and variance), layer by
    /// layer: what a checkpoint saves and an export writes.</summary>
    public IReadOnlyList<Variable> Variables => _variables;

    /// <summary>Runs a batch (batch, InputSize) through every layer and returns the last layer's output.</summary>
    /// <exception cref="ArgumentException">The input is not rank 2, has the wrong width, or the wrong dtype.</exception>
    public Tensor Call(Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Rank != 2 || inputs.Shape[1] != InputSize)
            throw new ArgumentException($"sequential: inputs {ShapeMath.Format([.. inputs.Shape])} do not match the model, which expects (batch,{InputSize})", nameof(inputs));
        if (inputs.DType != DType)
            throw new ArgumentException($"sequential: inputs are {Tensor.DTypeName(inputs.DType)} but the model's weights are {Tensor.DTypeName(DType)}", nameof(inputs));
        var x = inputs;
        foreach (var layer in _layers) x = layer.Call(x);
        return x;
    }
}
