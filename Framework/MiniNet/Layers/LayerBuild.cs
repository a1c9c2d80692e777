using MiniNet.Tensors;

namespace MiniNet.Layers;

// Building a layer once its input shape is known: the shape checked and kept, then the layer's variables created
// (by the model's constructor, before any step); its name, its variables and its output shape.
public abstract partial class Layer
{
    private readonly List<Variable> _variables = [];

    /// <summary>The layer's name, e.g. "dense_0"; its variables are named "{Name}/kernel" and so on.</summary>
    public string Name { get; internal set; } = "";

    /// <summary>All the layer's variables, trainable and not, in creation order (empty until built).</summary>
    public IReadOnlyList<Variable> Variables => _variables;

    /// <summary>The layer's trainable weights, in creation order (empty until built).</summary>
    public IReadOnlyList<Variable> TrainableVariables => [.. _variables.Where(variable => variable.Trainable)];

    /// <summary>State the layer learns other than by gradients, such as <see cref="Normalization"/>'s mean and variance:
    /// saved in checkpoints and exported, never updated by an optimizer.</summary>
    public IReadOnlyList<Variable> NonTrainableVariables => [.. _variables.Where(variable => !variable.Trainable)];

    /// <summary>The number of values in one output example (the width, for a flat layer).</summary>
    public abstract int OutputSize { get; }

    /// <summary>The shape of one output example; (<see cref="OutputSize"/>) unless the layer keeps a shape, as an image layer does.</summary>
    public virtual IReadOnlyList<int> OutputShape => [OutputSize];

    /// <summary>Whether <see cref="Build(IReadOnlyList{int}, Random, DType)"/> has run.</summary>
    public bool IsBuilt { get; private set; }

    /// <summary>The shape of one input example, known once built: (width) for a flat layer such as Dense, e.g.
    /// (28, 28, 1) for an image layer (channels last, as Keras).</summary>
    public IReadOnlyList<int> InputShape { get; private set; } = [];

    /// <summary>The number of values in one input example (the width, for a flat layer), known once built.</summary>
    public int InputSize { get; private set; }

    /// <summary>Creates the weights for inputs of width <paramref name="inputSize"/>, drawing from <paramref name="random"/>.</summary>
    /// <exception cref="InvalidOperationException">The layer was already built (a layer belongs to one model).</exception>
    public void Build(int inputSize, Random random, DType dtype)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        Build([inputSize], random, dtype);
    }

    /// <summary>Creates the weights for input examples of shape <paramref name="inputShape"/>, drawing from
    /// <paramref name="random"/>.</summary>
    /// <exception cref="InvalidOperationException">The layer was already built (a layer belongs to one model).</exception>
    /// <exception cref="ArgumentException">The shape is empty or has a dimension below 1, or the layer cannot take it (a flat
    /// layer given an image: the message says to add a Flatten layer).</exception>
    public void Build(IReadOnlyList<int> inputShape, Random random, DType dtype)
    {
        if (IsBuilt) throw new InvalidOperationException($"layer '{Name}': already built; a layer instance can belong to only one model");
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(random);
        if (inputShape.Count == 0 || inputShape.Any(dimension => dimension < 1))
            throw new ArgumentException($"layer '{Name}': input shape {ShapeMath.Format([.. inputShape])} must have at least one dimension, all positive", nameof(inputShape));
        InputShape = [.. inputShape];
        InputSize = ShapeMath.ElementCount([.. inputShape]);
        CreateVariables(InputShape, random, dtype);
        IsBuilt = true;
    }

    /// <summary>Creates the layer's weights for input examples of <paramref name="inputShape"/>. By default the layer takes
    /// flat inputs and this calls <see cref="CreateVariables(int, Random, DType)"/> with their width; an image layer
    /// overrides it.</summary>
    /// <exception cref="ArgumentException">The input is not flat.</exception>
    protected virtual void CreateVariables(IReadOnlyList<int> inputShape, Random random, DType dtype)
    {
        if (inputShape.Count != 1)
            throw new ArgumentException($"layer '{Name}' ({GetType().Name}) takes flat inputs, but its input examples are {ShapeMath.Format([.. inputShape])}; put a Flatten layer before it");
        CreateVariables(inputShape[0], random, dtype);
    }

    /// <summary>Creates the weights of a layer that takes flat inputs of width <paramref name="inputSize"/>, with
    /// <see cref="AddVariable"/>; a layer without weights leaves it empty.</summary>
    protected virtual void CreateVariables(int inputSize, Random random, DType dtype) { }

    /// <summary>Registers a new variable named "{layer}/{name}" and returns it.</summary>
    /// <param name="name">The variable's name within the layer, e.g. "kernel".</param>
    /// <param name="initialValue">Its starting values; the variable takes over the storage.</param>
    /// <param name="trainable">Whether optimizers update it (weights) or not (statistics such as a moving mean).</param>
    protected Variable AddVariable(string name, Tensor initialValue, bool trainable = true)
    {
        var variable = new Variable(initialValue, $"{Name}/{name}", trainable);
        _variables.Add(variable);
        return variable;
    }
}
