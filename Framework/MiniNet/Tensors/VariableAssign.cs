namespace MiniNet.Tensors;

// Overwriting a variable's values from outside training, e.g. when a checkpoint is restored.
public sealed partial class Variable
{
    /// <summary>Copies <paramref name="value"/>'s elements into this variable (same shape and dtype required).</summary>
    /// <exception cref="ArgumentException">The shape or dtype differs.</exception>
    public void Assign(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!ShapeArray.AsSpan().SequenceEqual(value.ShapeArray) || value.DType != DType)
            throw new ArgumentException($"assign: variable '{Name}' is {ShapeMath.Format(ShapeArray)} {DTypeName(DType)} but the value is {ShapeMath.Format(value.ShapeArray)} {DTypeName(value.DType)}", nameof(value));
        if (DType == DType.Float32) value.AsSpan<float>().CopyTo(AsSpan<float>());
        else value.AsSpan<double>().CopyTo(AsSpan<double>());
    }
}
