namespace MiniNet.Ops;

// Hiding ops from the tapes, so that a CustomOp written in tensor math is recorded as one op; and whether anything watches.
public static partial class OpObservers
{
    /// <summary>Whether an op run now is shown to an observer (a tape records it): an op may keep, during its forward pass,
    /// what only its backward pass reads.</summary>
    internal static bool Observed => _active is { Count: > 0 };

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
