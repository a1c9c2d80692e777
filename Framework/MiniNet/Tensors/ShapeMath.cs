namespace MiniNet.Tensors;

/// <summary>Arithmetic on shapes: element counts, axis normalisation, NumPy broadcasting and the "(2,3)" format used in messages.</summary>
public static class ShapeMath
{
    /// <summary>The number of elements a tensor of this shape holds (1 for a scalar of shape ()).</summary>
    public static int ElementCount(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"shape {Format(shape)}: dimensions must be non-negative", nameof(shape));
            count *= d;
            if (count > int.MaxValue) throw new ArgumentException($"shape {Format(shape)}: more than {int.MaxValue} elements", nameof(shape));
        }
        return (int)count;
    }

    /// <summary>Formats a shape the way error messages print it: "(32,784)", "()" for a scalar.</summary>
    public static string Format(ReadOnlySpan<int> shape) => "(" + string.Join(",", shape.ToArray()) + ")";

    /// <summary>Turns a possibly negative axis (-1 is the last) into an index in [0, rank), or throws naming the op.</summary>
    public static int NormalizeAxis(string op, int axis, int rank)
    {
        int normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank)
            throw new ArgumentOutOfRangeException(nameof(axis), $"{op}: axis {axis} is out of range for a tensor of rank {rank}");
        return normalized;
    }

    /// <summary>The NumPy broadcast of two shapes: dimensions aligned from the right must be equal or 1.</summary>
    public static int[] Broadcast(string op, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 1; i <= rank; i++)
        {
            int da = i <= a.Length ? a[^i] : 1;
            int db = i <= b.Length ? b[^i] : 1;
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{op}: {Format(a)} and {Format(b)} cannot be broadcast: dimension {da} and {db} differ");
            result[rank - i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Row-major strides of a shape, in elements.</summary>
    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }

    /// <summary>Splits a shape around one axis into (elements before it, its length, elements after it).</summary>
    public static (int Outer, int Length, int Inner) SplitAt(ReadOnlySpan<int> shape, int axis)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= shape[i];
        for (int i = axis + 1; i < shape.Length; i++) inner *= shape[i];
        return (outer, shape[axis], inner);
    }

    // Built with a loop: spreading an IReadOnlyList would allocate an enumerator every batch.
    /// <summary>The shape of a batch: (size, ...perExample).</summary>
    internal static int[] Batched(int size, IReadOnlyList<int> perExample)
    {
        var shape = new int[perExample.Count + 1];
        shape[0] = size;
        for (int i = 0; i < perExample.Count; i++) shape[i + 1] = perExample[i];
        return shape;
    }
}
