using MathNet.Numerics.Random;
using MiniNet.Layers;
using MiniNet.Tensors;

namespace MiniNet.Models;

// Building a model: every layer named and built in order from one seeded generator, each from the shape the one before gives.
public sealed partial class Sequential
{
    private readonly Variable[] _variables;

    /// <summary>Every variable, trainable or not (such as a <see cref="Normalization"/> layer's mean and variance), layer by
    /// layer: what a checkpoint saves and an export writes.</summary>
    public IReadOnlyList<Variable> Variables => _variables;

    /// <summary>Builds a model for inputs of width <paramref name="inputSize"/>.</summary>
    /// <param name="inputSize">Features per example; inputs are (batch, inputSize).</param>
    /// <param name="layers">The layers, first to last. Each is named "{type}_{index}", e.g. "dense_0".</param>
    /// <param name="seed">Seeds the weight initialisers (a Xoshiro256** generator from MathNet.Numerics).</param>
    /// <param name="dtype">The weights' element type; inputs must have the same.</param>
    public Sequential(int inputSize, IEnumerable<Layer> layers, int seed = 0, DType dtype = DType.Float32)
        : this([inputSize > 0 ? inputSize : throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"sequential: inputSize must be positive, got {inputSize}")],
            layers, seed, dtype) { }

    /// <summary>Builds a model for input examples of shape <paramref name="inputShape"/>, e.g. (28, 28, 1) for grey images
    /// in Keras's channels-last layout; inputs are (batch, ...inputShape).</summary>
    /// <param name="inputShape">The shape of one example; every dimension positive.</param>
    /// <param name="layers">The layers, first to last. Each is named "{type}_{index}", e.g. "conv2d_0".</param>
    /// <param name="seed">Seeds the weight initialisers (a Xoshiro256** generator from MathNet.Numerics).</param>
    /// <param name="dtype">The weights' element type; inputs must have the same.</param>
    /// <exception cref="ArgumentException">The shape is empty or has a dimension below 1, a layer is null, or a layer cannot
    /// take the shape the layer before it gives (the message names the layer and the shape).</exception>
    public Sequential(int[] inputShape, IEnumerable<Layer> layers, int seed = 0, DType dtype = DType.Float32)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length == 0 || inputShape.Any(dimension => dimension < 1))
            throw new ArgumentException($"sequential: the input shape {ShapeMath.Format(inputShape)} must have at least one dimension, all positive", nameof(inputShape));
        ArgumentNullException.ThrowIfNull(layers);
        _layers = layers.ToArray();
        if (_layers.Length == 0) throw new ArgumentException("sequential: a model needs at least one layer", nameof(layers));
        int missing = Array.IndexOf(_layers, null);
        if (missing >= 0) throw new ArgumentException($"sequential: layer {missing} is null", nameof(layers));
        _inputShape = [.. inputShape];
        InputSize = ShapeMath.ElementCount(inputShape);
        DType = dtype;
        var random = new Xoshiro256StarStar(seed);
        IReadOnlyList<int> shape = _inputShape;
        for (int i = 0; i < _layers.Length; i++)
        {
            _layers[i].Name = $"{_layers[i].GetType().Name.ToLowerInvariant()}_{i}";
            _layers[i].Build(shape, random, dtype);
            shape = _layers[i].OutputShape;
        }
        _variables = [.. _layers.SelectMany(l => l.Variables)];
        _trainableVariables = [.. _variables.Where(variable => variable.Trainable)];
    }
}
