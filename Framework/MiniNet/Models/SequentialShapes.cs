using MiniNet.Layers;
using MiniNet.Tensors;

namespace MiniNet.Models;

// What a model takes and gives: its input and output shapes and its layers.
public sealed partial class Sequential
{
    /// <summary>The shape of one input example, e.g. (784) or (28, 28, 1).</summary>
    public IReadOnlyList<int> InputShape => _inputShape;

    /// <summary>Values per input example (the width, for flat inputs).</summary>
    public int InputSize { get; }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Outputs per example: the last layer's width.</summary>
    public int OutputSize => _layers[^1].OutputSize;

    /// <summary>The shape of one output example: the last layer's.</summary>
    public IReadOnlyList<int> OutputShape => _layers[^1].OutputShape;
}
