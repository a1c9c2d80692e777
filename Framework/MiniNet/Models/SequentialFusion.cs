using MiniNet.Layers;
using MiniNet.Tensors;

namespace MiniNet.Models;

// Layers a model runs as one op when they follow each other: the same numbers as calling them one by one, with less work.
public sealed partial class Sequential
{
    /// <summary>Layer <paramref name="i"/> and the one after it as one op, when they are a <see cref="Conv2D"/> with ReLU and
    /// a <see cref="MaxPooling2D"/> it can fuse with (<see cref="Conv2D.CallPooled"/>); else null.</summary>
    private Tensor? CallPooled(int i, Tensor x) =>
        i + 1 < _layers.Length && _layers[i] is Conv2D conv ? conv.CallPooled(x, _layers[i + 1]) : null;
}
