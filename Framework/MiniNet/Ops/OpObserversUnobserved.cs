namespace MiniNet.Ops;

// Hiding ops from the tapes, so that a CustomOp written in tensor math is recorded as one op.
public static partial class OpObservers
{
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
}
