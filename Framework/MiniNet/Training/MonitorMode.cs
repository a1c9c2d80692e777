namespace MiniNet.Training;

/// <summary>Which direction of a monitored log is an improvement, as Keras's <c>mode</c> argument.</summary>
public enum MonitorMode
{
    /// <summary>Higher is better for names containing "acc" (accuracy), lower for all others (losses, errors).</summary>
    Auto,

    /// <summary>Lower is better.</summary>
    Min,

    /// <summary>Higher is better.</summary>
    Max,
}
