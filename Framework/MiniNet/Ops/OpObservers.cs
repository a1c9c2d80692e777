namespace MiniNet.Ops;

/// <summary>The observers active on the current thread. With none, ops record nothing and cost no tape memory.</summary>
public static partial class OpObservers
{
    [ThreadStatic] private static List<IOpObserver>? _active;

    /// <summary>Starts showing ops to <paramref name="observer"/>.</summary>
    public static void Add(IOpObserver observer) => (_active ??= []).Add(observer);

    /// <summary>Stops showing ops to <paramref name="observer"/>.</summary>
    public static void Remove(IOpObserver observer) => _active?.Remove(observer);

    internal static void Notify(Op op, long started)
    {
        TimeForward(op, started);
        var active = _active;
        if (active == null) return;
        for (int i = 0; i < active.Count; i++) active[i].OnOp(op);
    }
}
