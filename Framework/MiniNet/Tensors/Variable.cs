namespace MiniNet.Tensors;

/// <summary>
/// A named tensor whose values persist across training steps and are updated in place by optimizers (a layer's weights).
/// A trainable variable is watched automatically by every active <see cref="Autodiff.GradientTape"/>.
/// </summary>
public sealed partial class Variable : Tensor
{
    /// <summary>Makes a variable that owns <paramref name="initialValue"/>'s storage.</summary>
    /// <param name="initialValue">The starting values; the variable takes over its storage.</param>
    /// <param name="name">A name that identifies the variable in messages and checkpoints, e.g. "dense_0/kernel".</param>
    /// <param name="trainable">Whether tapes watch it and optimizers may update it.</param>
    public Variable(Tensor initialValue, string name, bool trainable = true) : base(initialValue ?? throw new ArgumentNullException(nameof(initialValue)))
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (initialValue.Owner != null)
            throw new ArgumentException($"variable '{name}': the initial value belongs to a TensorScope; pass a Clone() of it", nameof(initialValue));
        Name = name;
        Trainable = trainable;
    }

    /// <summary>The name given at construction, e.g. "dense_0/kernel".</summary>
    public string Name { get; }

    /// <summary>Whether tapes watch this variable automatically and optimizers may update it.</summary>
    public bool Trainable { get; }

    /// <summary>The name, shape and dtype, e.g. "Variable dense_0/kernel (784,128) float32".</summary>
    public override string ToString() => $"Variable {Name} {ShapeMath.Format(ShapeArray)} {DTypeName(DType)}";
}
