namespace MiniNet.Data;

/// <summary>What a <see cref="Dataset"/>'s targets are: class indices for sparse categorical cross-entropy, or float values
/// (regression targets, 0/1 values for binary cross-entropy, several outputs) with a per-example shape.</summary>
public enum TargetKind
{
    /// <summary>One integer class index per example, in [0, classes); batches carry them as <see cref="Tensors.ClassLabels"/>
    /// (int32, (batch)).</summary>
    ClassIndices,

    /// <summary>Float values with a per-example shape such as (1) or (k); batches carry them as (batch, ...shape).</summary>
    Values,
}
