using MathNet.Numerics.Random;
using MiniNet.Autodiff;
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
    private readonly int[] _inputShape;

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

    /// <summary>The shape of one input example, e.g. (784) or (28, 28, 1).</summary>
    public IReadOnlyList<int> InputShape => _inputShape;

    /// <summary>Values per input example (the width, for flat inputs).</summary>
    public int InputSize { get; }

    /// <summary>The weights' element type.</summary>
    public DType DType { get; }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Outputs per example: the last layer's width.</summary>
    public int OutputSize => _layers[^1].OutputSize;

    /// <summary>The shape of one output example: the last layer's.</summary>
    public IReadOnlyList<int> OutputShape => _layers[^1].OutputShape;

    /// <summary>Every layer's trainable weights, layer by layer in creation order (e.g. dense_0/kernel, dense_0/bias,
    /// dense_1/kernel, ...): what a tape differentiates and an optimizer updates.</summary>
    public IReadOnlyList<Variable> TrainableVariables => _trainableVariables;

    /// <summary>Every variable, trainable or not (such as a <see cref="Normalization"/> layer's mean and variance), layer by
    /// layer: what a checkpoint saves and an export writes.</summary>
    public IReadOnlyList<Variable> Variables => _variables;

    /// <summary>Rebuilds a model saved by <c>Checkpoint.SaveModel</c>, from the architecture and weights in the file, as
    /// Keras's <c>load_model</c>: <c>var model = Sequential.Load("mpg.model");</c>. <c>Checkpoint.LoadModel(path)</c>
    /// returns the data encoding saved with it too.</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="Checkpoints.CheckpointException">The file is damaged or holds no architecture.</exception>
    public static Sequential Load(string path) => Checkpoints.Checkpoint.LoadModel(path).Model;

    /// <summary>Runs a batch (batch, ...InputShape) through every layer and returns the last layer's output: in training mode
    /// while a <see cref="GradientTape"/> is recording on this thread (the step of a training loop), for inference otherwise.</summary>
    /// <exception cref="ArgumentException">The input's shape or dtype does not match the model.</exception>
    public Tensor Call(Tensor inputs) => Call(inputs, training: GradientTape.IsRecording);

    /// <summary>Runs a batch (batch, ...InputShape) through every layer in training mode when <paramref name="training"/>
    /// is set (Dropout drops, BatchNormalization uses the batch's statistics), as Keras's <c>model(x, training=True)</c>:
    /// the explicit form of <see cref="Call(Tensor)"/>'s rule, e.g. for inference inside a tape.</summary>
    /// <exception cref="ArgumentException">The input's shape or dtype does not match the model.</exception>
    public Tensor Call(Tensor inputs, bool training)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Rank != _inputShape.Length + 1 || !inputs.ShapeArray.AsSpan(1).SequenceEqual(_inputShape))
            throw new ArgumentException($"sequential: inputs {ShapeMath.Format([.. inputs.Shape])} do not match the model, which expects (batch,{string.Join(",", InputShape)})", nameof(inputs));
        if (inputs.DType != DType)
            throw new ArgumentException($"sequential: inputs are {Tensor.DTypeName(inputs.DType)} but the model's weights are {Tensor.DTypeName(DType)}", nameof(inputs));
        var x = inputs;
        foreach (var layer in _layers) x = layer.Call(x, training);
        return x;
    }
}
