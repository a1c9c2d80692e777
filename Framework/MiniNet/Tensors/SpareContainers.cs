namespace MiniNet.Tensors;

/// <summary>Emptied bookkeeping containers of one kind (a scope's list of tensors, a tape's op list and tracked set, a backward
/// pass's gradient map), kept per thread for the next step to take: their storage, grown to a step's size once, is then
/// not allocated again every step. The counterpart, for bookkeeping, of <see cref="TensorPool"/> for buffers.</summary>
internal static class SpareContainers<T> where T : class
{
    [ThreadStatic] private static Stack<T>? t_spares;

    /// <summary>An emptied container handed back earlier on this thread, or a new one from <paramref name="create"/>.</summary>
    public static T Take(Func<T> create) => t_spares is { Count: > 0 } spares ? spares.Pop() : create();

    /// <summary>Keeps <paramref name="container"/>, which the caller has emptied and no longer uses, for a later <see cref="Take"/>.</summary>
    public static void GiveBack(T container) => (t_spares ??= new()).Push(container);
}
