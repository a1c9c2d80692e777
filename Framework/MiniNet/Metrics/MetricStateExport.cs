namespace MiniNet.Metrics;

// A metric's total and count as data, saved mid-epoch and restored when a run resumes.
public abstract partial class Metric
{
    /// <summary>The state to save mid-epoch.</summary>
    public MetricState State => new(Name, Total, Count);

    /// <summary>Continues from a saved state (a resumed epoch).</summary>
    /// <exception cref="ArgumentException">The state is another metric's or out of range.</exception>
    public void Restore(MetricState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Name != Name)
            throw new ArgumentException($"{Name}: the saved state is metric '{state.Name}''s", nameof(state));
        if (state.Count < 0)
            throw new ArgumentException($"{Name}: the saved count {state.Count} is negative", nameof(state));
        (Total, Count) = (state.Total, state.Count);
    }
}
