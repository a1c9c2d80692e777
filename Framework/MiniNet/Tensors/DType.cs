namespace MiniNet.Tensors;

/// <summary>The element type of a tensor's storage.</summary>
public enum DType
{
    /// <summary>32-bit IEEE float: the default, used for training.</summary>
    Float32,

    /// <summary>64-bit IEEE float: used where precision matters, e.g. finite-difference gradient checks.</summary>
    Float64,

    /// <summary>32-bit integer: class indices (<see cref="ClassLabels"/>), which a loss or metric reads and no op computes on.</summary>
    Int32,
}
