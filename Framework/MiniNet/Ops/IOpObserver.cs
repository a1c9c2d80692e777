namespace MiniNet.Ops;

/// <summary>Something that wants to see every op as it runs on this thread (a gradient tape).</summary>
public interface IOpObserver
{
    /// <summary>Called after <paramref name="op"/> has computed its output.</summary>
    void OnOp(Op op);
}
