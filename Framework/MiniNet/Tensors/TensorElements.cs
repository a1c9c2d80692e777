using System.Runtime.CompilerServices;

namespace MiniNet.Tensors;

// Reading and writing single elements by index.
public partial class Tensor
{
    /// <summary>The element at a multi-dimensional index, as a double (read or written).</summary>
    /// <exception cref="ArgumentException">The index has the wrong rank or is out of range.</exception>
    [IndexerName("Element")]
    public double this[params int[] index]
    {
        get => GetFlat(FlatIndex(index));
        set => SetFlat(FlatIndex(index), value);
    }

    internal void SetFlat(int i, double value)
    {
        if (DType == DType.Int32)
            throw new InvalidOperationException("tensor: class labels are checked when made and cannot be changed; make new ClassLabels");
        if (DType == DType.Float32) AsSpan<float>()[i] = (float)value;
        else AsSpan<double>()[i] = value;
    }

    private int FlatIndex(int[] index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.Length != Rank)
            throw new ArgumentException($"index: {index.Length} indices given for a tensor of shape {ShapeMath.Format(_shape)}", nameof(index));
        int flat = 0;
        for (int d = 0; d < Rank; d++)
        {
            if ((uint)index[d] >= (uint)_shape[d])
                throw new ArgumentException($"index: index {index[d]} is out of range for dimension {d} of shape {ShapeMath.Format(_shape)}", nameof(index));
            flat = flat * _shape[d] + index[d];
        }
        return flat;
    }
}
