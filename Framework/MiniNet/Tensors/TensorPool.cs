namespace MiniNet.Tensors;

/// <summary>Arrays handed back by ended <see cref="TensorScope"/>s, kept per thread by element type and exact length for reuse,
/// so a training step of fixed shapes stops allocating tensor buffers after its first run.</summary>
internal static class TensorPool
{
    [ThreadStatic] private static Dictionary<(DType, int), Stack<Array>>? _free;
    [ThreadStatic] private static long t_made;

    /// <summary>How many arrays <see cref="Rent"/> has had to make on this thread, none being free to reuse.</summary>
    internal static long Made => t_made;

    /// <summary>An array of <paramref name="length"/> elements: a reused one when available (zeroed only if asked), else a new one.</summary>
    public static Array Rent(DType dtype, int length, bool zeroed)
    {
        if (_free != null && _free.TryGetValue((dtype, length), out var stack) && stack.TryPop(out var array))
        {
            if (zeroed) Array.Clear(array);
            return array;
        }
        t_made++;
        return dtype switch { DType.Float32 => new float[length], DType.Float64 => new double[length], _ => new int[length] };
    }

    /// <summary>Makes <paramref name="array"/> available to later <see cref="Rent"/> calls on this thread.</summary>
    public static void Return(DType dtype, Array array)
    {
        _free ??= [];
        if (!_free.TryGetValue((dtype, array.Length), out var stack)) _free[(dtype, array.Length)] = stack = new Stack<Array>();
        stack.Push(array);
    }
}
