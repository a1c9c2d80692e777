using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>A building block of a model: creates its weights once the input width is known, then maps a batch to a batch.</summary>
public abstract class Layer
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

    /// <summary>Whether <see cref="Build"/> has run.</summary>
    public bool IsBuilt { get; private set; }

    /// <summary>The width of one input row, known once built.</summary>
    public int InputSize { get; private set; }

    /// <summary>The width of one output row.</summary>
    public abstract int OutputSize { get; }

    /// <summary>Creates the weights for inputs of width <paramref name="inputSize"/>, drawing from <paramref name="random"/>.</summary>
    /// <exception cref="InvalidOperationException">The layer was already built (a layer belongs to one model).</exception>
    public void Build(int inputSize, Random random, DType dtype)
    {
        if (IsBuilt) throw new InvalidOperationException($"layer '{Name}': already built; a layer instance can belong to only one model");
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentNullException.ThrowIfNull(random);
        InputSize = inputSize;
        CreateVariables(inputSize, random, dtype);
        IsBuilt = true;
    }

    /// <summary>Maps a batch (batch, InputSize) to (batch, OutputSize).</summary>
    public abstract Tensor Call(Tensor inputs);

    /// <summary>Creates the layer's weights with <see cref="AddVariable"/>.</summary>
    protected abstract void CreateVariables(int inputSize, Random random, DType dtype);

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
