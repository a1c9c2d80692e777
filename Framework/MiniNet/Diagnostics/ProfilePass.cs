namespace MiniNet.Diagnostics;

/// <summary>What a row of a profile times: an op kind's forward or backward passes, or time spent outside any op.</summary>
public enum ProfilePass
{
    /// <summary>The op's forward passes (its output computed, including the output's allocation).</summary>
    Forward,

    /// <summary>The op's backward passes (its inputs' gradient contributions added).</summary>
    Backward,

    /// <summary>Time in no op: drawing batches, the optimizer's update, metrics, the tape's and the layers' own work.</summary>
    Outside,
}
