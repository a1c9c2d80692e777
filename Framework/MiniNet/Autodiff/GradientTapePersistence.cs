namespace MiniNet.Autodiff;

// A tape computes gradients once and then releases its ops, unless it was made persistent.
public sealed partial class GradientTape
{
    private bool _used;

    /// <summary>Whether <see cref="Gradient"/> may be called more than once.</summary>
    public bool Persistent { get; }

    private void MarkUsed()
    {
        if (_used && !Persistent)
            throw new InvalidOperationException("gradient: this GradientTape was already used; a non-persistent tape computes gradients once (create it with persistent: true to call Gradient several times)");
        _used = true;
    }
}
