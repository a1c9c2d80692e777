using System.Globalization;
using System.Text;

namespace MiniNet.Tensors;

// Copies, dtype conversions and the text form of a tensor.
public partial class Tensor
{
    /// <summary>A copy converted to <paramref name="dtype"/> (not recorded by the tape).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is int32 (only <see cref="ClassLabels"/> hold
    /// integers; make them with its constructor).</exception>
    public virtual Tensor To(DType dtype)
    {
        var result = Zeros(_shape, dtype);
        for (int i = 0; i < Length; i++) result.SetFlat(i, GetFlat(i));
        return result;
    }

    /// <summary>A copy of the elements in row-major order.</summary>
    public T[] ToArray<T>() where T : unmanaged => AsSpan<T>().ToArray();

    /// <summary>A copy with its own storage (not recorded by the tape).</summary>
    public Tensor Clone() => To(DType);

    /// <summary>The shape, dtype and values, e.g. "Tensor(2,2) float32 [1, 2, 3, 4]" (long tensors are elided).</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"Tensor{ShapeMath.Format(_shape)} {DTypeName(DType)} [");
        int shown = Math.Min(Length, 8);
        for (int i = 0; i < shown; i++)
            text.Append(i > 0 ? ", " : "").Append(GetFlat(i).ToString("G6", CultureInfo.InvariantCulture));
        if (shown < Length) text.Append($", ... ({Length} elements)");
        return text.Append(']').ToString();
    }

    /// <summary>The name used for a dtype in messages: "float32" or "float64".</summary>
    public static string DTypeName(DType dtype) => dtype switch { DType.Float32 => "float32", DType.Float64 => "float64", _ => "int32" };
}
