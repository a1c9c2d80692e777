namespace MiniNet.Ops;

/// <summary>The observers active on the current thread. With none, ops record nothing and cost no tape memory.</summary>
public static class OpObservers
{
    [ThreadStatic] private static List<IOpObserver>? _active;

    /// <summary>Starts showing ops to <paramref name="observer"/>.</summary>
    public static void Add(IOpObserver observer) => (_active ??= []).Add(observer);

    /// <summary>Stops showing ops to <paramref name="observer"/>.</summary>
    public static void Remove(IOpObserver observer) => _active?.Remove(observer);

    /// <summary>Runs <paramref name="function"/> hidden from every observer, so the tensor math a <see cref="CustomOp"/> is
    /// written in stays inside that op rather than being recorded beside it.</summary>
    internal static T Unobserved<T>(Func<T> function)
    {
        var active = _active;
        _active = null;
        try
        {
            return function();
        }
        finally
        {
            _active = active;
        }
    }

    internal static void Notify(Op op)
    {
        var active = _active;
        if (active == null) return;
        for (int i = 0; i < active.Count; i++) active[i].OnOp(op);
    }
}
